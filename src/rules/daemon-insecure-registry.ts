import { effectiveList, hardeningDecision } from '../rule-support/hardening-settings.js';
import type { ConfigRule } from './rule.js';

/** One finding per insecure registry, at the line that names it, so each can be removed on its own. */
export const daemonInsecureRegistry: ConfigRule = {
  id: 'daemon-insecure-registry',
  checkConfig({ daemon }) {
    return effectiveList(daemon.hardening.insecureRegistries).flatMap((setting) => setting.value.map((registry) => ({
      messageId: 'insecure-registry',
      data: { registry, form: setting.source.form, file: setting.source.systemPath },
      evidence: { registry },
      location: setting.source,
    })));
  },
  decides: hardeningDecision,
};
