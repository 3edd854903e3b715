import { absenceKnown, effective, hardeningDecision, whereToAdd } from '../rule-support/hardening-settings.js';
import type { ConfigRule } from './rule.js';

/** no-new-privileges is off by default: containers may gain privileges through setuid binaries. */
export const daemonNewPrivilegesAllowed: ConfigRule = {
  id: 'daemon-new-privileges-allowed',
  checkConfig({ daemon }) {
    const setting = effective(daemon.hardening.noNewPrivileges);
    if (setting?.value === true) return [];
    if (setting) return [{ messageId: 'set-false', data: { form: setting.source.form, file: setting.source.systemPath }, evidence: { noNewPrivileges: false }, location: setting.source }];
    if (!absenceKnown(daemon)) return [];
    const add = whereToAdd(daemon);
    return [{ messageId: 'unset', data: { where: add.where }, evidence: { noNewPrivileges: null }, location: add.location }];
  },
  decides: hardeningDecision,
};
