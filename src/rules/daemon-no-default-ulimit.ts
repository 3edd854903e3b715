import { absenceKnown, hardeningDecision, whereToAdd } from '../rule-support/hardening-settings.js';
import type { ConfigRule } from './rule.js';

/** CIS 2.8 is manual: which limits fit is a person's call; the finding says none is set. */
export const daemonNoDefaultUlimit: ConfigRule = {
  id: 'daemon-no-default-ulimit',
  checkConfig({ daemon }) {
    if (daemon.hardening.defaultUlimits.some((setting) => setting.value.length > 0) || !absenceKnown(daemon)) return [];
    const add = whereToAdd(daemon);
    return [{ messageId: 'no-default-ulimit', data: { where: add.where }, evidence: { defaultUlimits: [] }, location: add.location }];
  },
  decides: hardeningDecision,
};
