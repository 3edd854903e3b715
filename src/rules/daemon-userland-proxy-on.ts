import { absenceKnown, effective, hardeningDecision, whereToAdd } from '../rule-support/hardening-settings.js';
import type { ConfigRule } from './rule.js';

/** The userland proxy is on by default: a docker-proxy process per published port. */
export const daemonUserlandProxyOn: ConfigRule = {
  id: 'daemon-userland-proxy-on',
  checkConfig({ daemon }) {
    const setting = effective(daemon.hardening.userlandProxy);
    if (setting?.value === false) return [];
    if (setting) return [{ messageId: 'set-true', data: { form: setting.source.form, file: setting.source.systemPath }, evidence: { userlandProxy: true }, location: setting.source }];
    if (!absenceKnown(daemon)) return [];
    const add = whereToAdd(daemon);
    return [{ messageId: 'unset', data: { where: add.where }, evidence: { userlandProxy: null }, location: add.location }];
  },
  decides: hardeningDecision,
};
