import type { ConfigRule } from './rule.js';

/** One finding per key given twice, pointing at the first copy dockerd ignores: the line to delete. */
export const daemonConfigDuplicateKey: ConfigRule = {
  id: 'daemon-config-duplicate-key',
  checkConfig({ daemon }) {
    const jsonFile = daemon.files.find((file) => file.kind === 'daemon-json');
    if (!jsonFile) return [];
    return daemon.duplicateKeys.map(({ key, lines }) => {
      const used = lines.at(-1)!;
      const ignored = lines.slice(0, -1);
      return {
        messageId: 'duplicate-key',
        data: { key, count: lines.length, file: jsonFile.systemPath, lines: lines.join(', '), usedLine: used, ignoredLines: `line${ignored.length > 1 ? 's' : ''} ${ignored.join(', ')}` },
        evidence: { key, lines: lines.join(', '), usedLine: used },
        location: { path: jsonFile.path, systemPath: jsonFile.systemPath, line: ignored[0]! },
      };
    });
  },
};
