import type { ConfigRule } from './rule.js';

export const daemonConfigInvalid: ConfigRule = {
  id: 'daemon-config-invalid',
  checkConfig({ daemon }) {
    const error = daemon.daemonJsonError;
    const jsonFile = daemon.files.find((file) => file.kind === 'daemon-json');
    if (!error || !jsonFile) return [];
    return [{
      messageId: 'invalid-json',
      data: { file: jsonFile.systemPath, line: error.line, column: error.column, error: error.message },
      evidence: { line: error.line, column: error.column, error: error.message },
      location: { path: jsonFile.path, systemPath: jsonFile.systemPath, line: error.line },
    }];
  },
  /** It decides exactly where the default gives up (a daemon.json that does not parse), and needs no start-up. */
  decides({ root, daemon }) {
    return daemon.present ? { kind: 'decided' } : { kind: 'not-applicable', why: `no dockerd is configured under ${root}` };
  },
};
