import { absenceKnown, effective, hardeningDecision, whereToAdd } from '../rule-support/hardening-settings.js';
import type { ConfigRule } from './rule.js';

/** A rootless daemon already runs in a user namespace: userns-remap is for the root daemon. */
export const daemonUsernsRemapOff: ConfigRule = {
  id: 'daemon-userns-remap-off',
  checkConfig({ daemon }) {
    if (daemon.rootless) return [];
    const remap = effective(daemon.hardening.usernsRemap);
    if (remap && remap.value !== '') return [];
    if (remap) return [{ messageId: 'userns-remap-empty', data: { form: remap.source.form, file: remap.source.systemPath }, evidence: { usernsRemap: '' }, location: remap.source }];
    if (!absenceKnown(daemon)) return [];
    const add = whereToAdd(daemon);
    return [{ messageId: 'userns-remap-unset', data: { where: add.where }, evidence: { usernsRemap: null }, location: add.location }];
  },
  decides(observation) {
    if (observation.daemon.present && observation.daemon.rootless) return { kind: 'not-applicable', why: 'a rootless dockerd runs in a user namespace already' };
    return hardeningDecision(observation);
  },
};
