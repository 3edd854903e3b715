import type { ConfigRule } from './rule.js';

export const daemonConfigInvalid: ConfigRule = {
  id: 'daemon-config-invalid',
  checkConfig({ daemon }) {
    const error = daemon.daemonJsonError;
    const jsonFile = daemon.files.find((file) => file.kind === 'daemon-json');
    if (!error || !jsonFile) return [];
    return [{
      message: `${jsonFile.systemPath} is not valid JSON at line ${error.line}, column ${error.column}: ${error.message}. dockerd will not start with it.`,
      evidence: { line: error.line, column: error.column, error: error.message },
      location: { path: jsonFile.path, systemPath: jsonFile.systemPath, line: error.line },
    }];
  },
};
