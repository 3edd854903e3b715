import { effective, hardeningDecision } from '../rule-support/hardening-settings.js';
import type { ConfigRule, ConfigRuleHit } from './rule.js';

/**
 * dockerd's log level is "info" unless set; logrus reads the name case-insensitively, and an
 * empty string leaves the default. debug true forces the debug level whatever log-level says.
 */
export const daemonLogLevelNotInfo: ConfigRule = {
  id: 'daemon-log-level-not-info',
  checkConfig({ daemon }) {
    const hits: ConfigRuleHit[] = [];
    const level = effective(daemon.hardening.logLevel);
    if (level && level.value !== '' && level.value.toLowerCase() !== 'info') {
      hits.push({ messageId: 'log-level', data: { level: level.value, form: level.source.form, file: level.source.systemPath }, evidence: { logLevel: level.value }, location: level.source });
    }
    const debug = effective(daemon.hardening.debug);
    if (debug?.value === true) {
      hits.push({ messageId: 'debug', data: { form: debug.source.form, file: debug.source.systemPath }, evidence: { debug: true }, location: debug.source });
    }
    return hits;
  },
  decides: hardeningDecision,
};
