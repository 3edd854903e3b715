import { effective, hardeningDecision } from '../rule-support/hardening-settings.js';
import type { ConfigRule } from './rule.js';

/** dockerd compares the profile with "unconfined" exactly (daemon/seccomp_linux.go); anything else is a profile file or builtin. */
export const daemonSeccompUnconfined: ConfigRule = {
  id: 'daemon-seccomp-unconfined',
  checkConfig({ daemon }) {
    const profile = effective(daemon.hardening.seccompProfile);
    if (profile?.value !== 'unconfined') return [];
    return [{ messageId: 'unconfined', data: { form: profile.source.form, file: profile.source.systemPath }, evidence: { seccompProfile: 'unconfined' }, location: profile.source }];
  },
  decides: hardeningDecision,
};
