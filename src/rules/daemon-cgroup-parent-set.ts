import { effective, hardeningDecision } from '../rule-support/hardening-settings.js';
import type { ConfigRule } from './rule.js';

/** CIS 2.10 is manual: a cgroup parent may be right; the finding puts it in front of a person. */
export const daemonCgroupParentSet: ConfigRule = {
  id: 'daemon-cgroup-parent-set',
  checkConfig({ daemon }) {
    const parent = effective(daemon.hardening.cgroupParent);
    if (!parent || parent.value === '') return [];
    return [{ messageId: 'cgroup-parent', data: { cgroupParent: parent.value, form: parent.source.form, file: parent.source.systemPath }, evidence: { cgroupParent: parent.value }, location: parent.source }];
  },
  decides: hardeningDecision,
};
