import { absenceKnown, effective, hardeningDecision, whereToAdd } from '../rule-support/hardening-settings.js';
import type { ConfigRule } from './rule.js';

/** live-restore is off by default: stopping dockerd stops every container. */
export const daemonLiveRestoreOff: ConfigRule = {
  id: 'daemon-live-restore-off',
  checkConfig({ daemon }) {
    const setting = effective(daemon.hardening.liveRestore);
    if (setting?.value === true) return [];
    if (setting) return [{ messageId: 'set-false', data: { form: setting.source.form, file: setting.source.systemPath }, evidence: { liveRestore: false }, location: setting.source }];
    if (!absenceKnown(daemon)) return [];
    const add = whereToAdd(daemon);
    return [{ messageId: 'unset', data: { where: add.where }, evidence: { liveRestore: null }, location: add.location }];
  },
  decides: hardeningDecision,
};
