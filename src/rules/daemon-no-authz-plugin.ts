import { absenceKnown, effectiveList, hardeningDecision, whereToAdd } from '../rule-support/hardening-settings.js';
import type { ConfigRule } from './rule.js';

export const daemonNoAuthzPlugin: ConfigRule = {
  id: 'daemon-no-authz-plugin',
  checkConfig({ daemon }) {
    const settings = effectiveList(daemon.hardening.authorizationPlugins);
    if (settings.some((setting) => setting.value.length > 0)) return [];
    // An empty array written down is pointed at; nothing written needs the place to add it.
    const written = settings.at(-1);
    if (written) return [{ messageId: 'authz-empty', data: { form: written.source.form, file: written.source.systemPath }, evidence: { authorizationPlugins: [] }, location: written.source }];
    if (!absenceKnown(daemon)) return [];
    const add = whereToAdd(daemon);
    return [{ messageId: 'authz-unset', data: { where: add.where }, evidence: { authorizationPlugins: [] }, location: add.location }];
  },
  decides: hardeningDecision,
};
