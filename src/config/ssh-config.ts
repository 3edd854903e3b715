import type { SshHostOption } from './config-observation.js';
import type { RootedPath } from '../filesystem/audited-root.js';

const WATCHED = new Map<string, SshHostOption['option']>([
  ['stricthostkeychecking', 'StrictHostKeyChecking'],
  ['userknownhostsfile', 'UserKnownHostsFile'],
]);

/**
 * The ssh_config options that decide whether an ssh:// docker context checks the host's key.
 * Keywords are case-insensitive and take `Key value` or `Key=value`; each option is recorded
 * under the Host (or Match) line it sits below, "*" above the first one. Which block applies
 * to a host is left to the rule: patterns, negations and Match criteria are recorded as written.
 */
export function parseSshConfig(text: string, file: RootedPath): SshHostOption[] {
  const options: SshHostOption[] = [];
  let hostPattern = '*';
  text.split(/\r?\n/).forEach((raw, index) => {
    const content = raw.trim();
    if (content === '' || content.startsWith('#')) return;
    const match = /^(\S+?)(?:\s*=\s*|\s+)(.*)$/.exec(content);
    if (!match) return;
    const keyword = match[1]!.toLowerCase();
    const argument = match[2]!.trim().replace(/^"(.*)"$/, '$1');
    if (keyword === 'host') {
      hostPattern = argument;
      return;
    }
    if (keyword === 'match') {
      hostPattern = `Match ${argument}`;
      return;
    }
    const option = WATCHED.get(keyword);
    if (!option) return;
    options.push({ hostPattern, option, value: argument, source: { ...file, line: index + 1, form: `${option} ${argument} in ~/.ssh/config` } });
  });
  return options;
}
