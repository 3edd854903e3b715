import type { ConfigSource } from './config-observation.js';
import type { DockerService } from './docker-service.js';
import type { CommandLineSource } from './dockerd-command-line.js';

/** The dockerd command lines of a docker.service, each flag pointing at the line to fix. */
export function serviceCommandLines(service: DockerService, unitLabel = 'docker.service'): CommandLineSource[] {
  return service.commands.map((command) => ({
    words: command.words,
    file: command.file,
    sourceOf(written: string, variable: string | null, offset: number): ConfigSource {
      const definition = variable ? service.environment.get(variable) : undefined;
      if (definition) {
        // Point at the line that sets the variable: that is the line to fix.
        return {
          ...definition.file,
          line: definition.line,
          form: `${written} in ${variable} (${definition.label}), used by ExecStart of ${unitLabel}`,
        };
      }
      return { ...command.file, line: command.lineAt(offset), form: `${written} in ExecStart (${command.fileLabel})` };
    },
  }));
}
