import { absenceKnown, effective, hardeningDecision, whereToAdd } from '../rule-support/hardening-settings.js';
import type { ConfigRule } from './rule.js';

/**
 * icc is on unless turned off (dockerd's default is true).
 *
 * Not handled: `"bridge": "none"` / `-b none` removes the default bridge, and with it what icc is
 * about (then the control would be not applicable). `hardening` does not record the bridge
 * setting; the collector could, as one more entry in config/hardening-directives.ts
 * (jsonKey "bridge", flag "bridge", shorthand "b", string) plus the report schema. Until then
 * such a daemon is judged on icc alone, which errs towards a finding, never towards a pass.
 */
export const daemonIccEnabled: ConfigRule = {
  id: 'daemon-icc-enabled',
  checkConfig({ daemon }) {
    const icc = effective(daemon.hardening.icc);
    if (icc) {
      if (!icc.value) return [];
      return [{ messageId: 'icc-on', data: { form: icc.source.form, file: icc.source.systemPath }, evidence: { icc: true }, location: icc.source }];
    }
    if (!absenceKnown(daemon)) return [];
    const add = whereToAdd(daemon);
    return [{ messageId: 'icc-default', data: { where: add.where }, evidence: { icc: null }, location: add.location }];
  },
  decides: hardeningDecision,
};
