import { absenceKnown, effective, hardeningDecision, whereToAdd } from '../rule-support/hardening-settings.js';
import type { DaemonConfig } from '../config/config-observation.js';
import type { ConfigRule } from './rule.js';

/**
 * icc is on unless turned off (dockerd's default is true). `"bridge": "none"` / `-b none` removes
 * the default bridge, and with it what icc is about: not applicable. A config read before the
 * bridge setting was recorded (no `bridge` list) is judged on icc alone, which errs towards a
 * finding, never towards a pass.
 */
export const daemonIccEnabled: ConfigRule = {
  id: 'daemon-icc-enabled',
  checkConfig({ daemon }) {
    if (withoutDefaultBridge(daemon)) return [];
    const icc = effective(daemon.hardening.icc);
    if (icc) {
      if (!icc.value) return [];
      return [{ messageId: 'icc-on', data: { form: icc.source.form, file: icc.source.systemPath }, evidence: { icc: true }, location: icc.source }];
    }
    if (!absenceKnown(daemon)) return [];
    const add = whereToAdd(daemon);
    return [{ messageId: 'icc-default', data: { where: add.where }, evidence: { icc: null }, location: add.location }];
  },
  decides(observation) {
    const decision = hardeningDecision(observation);
    if (decision.kind === 'decided' && withoutDefaultBridge(observation.daemon)) {
      return { kind: 'not-applicable', why: 'dockerd runs without a default bridge ("bridge": "none" or -b none), so there is no icc to restrict' };
    }
    return decision;
  },
};

function withoutDefaultBridge(daemon: DaemonConfig): boolean {
  return effective(daemon.hardening.bridge ?? [])?.value === 'none';
}
