import { posix } from 'node:path';
import type { ServiceCommand } from './docker-service.js';

/**
 * Whether a unit's ExecStart= runs dockerd itself, so its words are dockerd's flags. A wrapper
 * (`/usr/local/bin/start-docker.sh -H fd://`) passes on, changes or adds flags as its script
 * says, and dockprobe does not read scripts: reading its words as dockerd's would be a guess,
 * and a wrong one gives a false pass. Accepted: dockerd, the old `docker daemon` / `docker -d`,
 * and the wrappers named in `knownWrappers` (a rootless unit's dockerd-rootless.sh, which hands
 * its arguments to dockerd unchanged).
 */
export function nonDockerdCommand(commands: readonly ServiceCommand[], knownWrappers: readonly string[] = []): { program: string; command: ServiceCommand } | null {
  for (const command of commands) {
    const program = command.words[0]?.text ?? '';
    const name = posix.basename(program);
    if (name === 'dockerd' || knownWrappers.includes(name)) continue;
    if (name === 'docker' && ['daemon', '-d'].includes(command.words[1]?.text ?? '')) continue;
    return { program, command };
  }
  return null;
}

/** Why the start-up is unknown when a unit runs something other than dockerd, for the report. */
export function nonDockerdWhy(found: { program: string; command: ServiceCommand }, unit: string): string {
  return `${unit} runs ${found.program || 'an empty program'} (ExecStart at line ${found.command.line} of ${found.command.fileLabel}), not dockerd; dockprobe does not read what that program passes to dockerd, so dockerd's flags were not read`;
}
