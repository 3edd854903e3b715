import { effective, hardeningDecision } from '../rule-support/hardening-settings.js';
import type { ConfigRule } from './rule.js';

/** dockerd manages iptables unless told not to (default true). */
export const daemonIptablesDisabled: ConfigRule = {
  id: 'daemon-iptables-disabled',
  checkConfig({ daemon }) {
    const iptables = effective(daemon.hardening.iptables);
    if (iptables?.value !== false) return [];
    return [{ messageId: 'iptables-off', data: { form: iptables.source.form, file: iptables.source.systemPath }, evidence: { iptables: false }, location: iptables.source }];
  },
  decides: hardeningDecision,
};
