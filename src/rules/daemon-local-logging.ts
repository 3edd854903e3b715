import { absenceKnown, effective, hardeningDecision, whereToAdd } from '../rule-support/hardening-settings.js';
import type { ConfigRule } from './rule.js';

/** The localDrivers parameter, "json-file,local,none,journald", as a set of lower-case names. */
function localDrivers(param: unknown): Set<string> {
  return new Set(String(param).split(',').map((name) => name.trim().toLowerCase()).filter((name) => name !== ''));
}

/** Containers' logs stay on the host unless the log driver ships them off (default json-file). */
export const daemonLocalLogging: ConfigRule = {
  id: 'daemon-local-logging',
  checkConfig({ daemon }, { params }) {
    const driver = effective(daemon.hardening.logDriver);
    // "log-driver": "" leaves dockerd's default, json-file.
    const name = driver && driver.value !== '' ? driver.value : 'json-file';
    if (!localDrivers(params.localDrivers).has(name.toLowerCase())) return [];
    if (driver) return [{ messageId: 'local-driver', data: { driver: name, form: driver.source.form, file: driver.source.systemPath }, evidence: { logDriver: name }, location: driver.source }];
    if (!absenceKnown(daemon)) return [];
    const add = whereToAdd(daemon);
    return [{ messageId: 'default-driver', data: { where: add.where }, evidence: { logDriver: null }, location: add.location }];
  },
  decides: hardeningDecision,
};
