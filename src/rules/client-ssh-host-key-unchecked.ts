import type { SshHostOption } from '../config/config-observation.js';
import type { ConfigRule } from './rule.js';
import { sshHostPatternMatches } from '../rule-support/ssh-host-pattern.js';

/** ssh://user@host:22 → host */
function sshHost(address: string): string | null {
  return /^ssh:\/\/(?:[^@/]*@)?(\[[^\]]+\]|[^:/]+)/i.exec(address)?.[1]?.replace(/^\[|\]$/g, '') ?? null;
}

/** ssh takes the first value it finds for an option, in file order. */
function firstFor(options: SshHostOption[], option: SshHostOption['option'], host: string): SshHostOption | null {
  return options.find((candidate) => candidate.option === option && sshHostPatternMatches(candidate.hostPattern, host)) ?? null;
}

export const clientSshHostKeyUnchecked: ConfigRule = {
  id: 'client-ssh-host-key-unchecked',
  /** The docker CLI's own settings: judged whether or not a dockerd is configured here. */
  decides: () => ({ kind: 'decided' }),
  checkConfig({ homes }) {
    return homes.flatMap((home) =>
      home.contexts.flatMap((context) => {
        const host = sshHost(context.host);
        if (!host) return [];
        const strict = firstFor(home.sshOptions, 'StrictHostKeyChecking', host);
        const knownHosts = firstFor(home.sshOptions, 'UserKnownHostsFile', host);
        const culprit = strict && /^(no|off)$/i.test(strict.value) ? strict : knownHosts && knownHosts.value.trim() === '/dev/null' ? knownHosts : null;
        if (!culprit) return [];
        return [{
          messageId: 'host-key-unchecked',
          data: { context: context.name, host, option: culprit.option, value: culprit.value, hostPattern: culprit.hostPattern },
          evidence: { context: context.name, host, option: culprit.option, value: culprit.value, hostPattern: culprit.hostPattern },
          location: culprit.source,
        }];
      }),
    );
  },
};
