import { effective, hardeningDecision } from '../rule-support/hardening-settings.js';
import type { ConfigRule } from './rule.js';

/** CIS 2.18 is manual: experimental features may be wanted outside production. */
export const daemonExperimental: ConfigRule = {
  id: 'daemon-experimental',
  checkConfig({ daemon }) {
    const experimental = effective(daemon.hardening.experimental);
    if (experimental?.value !== true) return [];
    return [{ messageId: 'experimental', data: { form: experimental.source.form, file: experimental.source.systemPath }, evidence: { experimental: true }, location: experimental.source }];
  },
  decides: hardeningDecision,
};
