import { absenceKnown, effective, hardeningDecision, whereToAdd } from '../rule-support/hardening-settings.js';
import { isLocalLogDriver } from '../rule-support/local-log-drivers.js';
import type { ConfigRule } from './rule.js';

/** Containers' logs stay on the host unless the log driver ships them off (default json-file). */
export const daemonLocalLogging: ConfigRule = {
  id: 'daemon-local-logging',
  checkConfig({ daemon }, { params }) {
    const driver = effective(daemon.hardening.logDriver);
    // "log-driver": "" leaves dockerd's default, json-file.
    const name = driver && driver.value !== '' ? driver.value : 'json-file';
    if (!isLocalLogDriver(name, String(params.localDrivers))) return [];
    if (driver) return [{ messageId: 'local-driver', data: { driver: name, form: driver.source.form, file: driver.source.systemPath }, evidence: { logDriver: name }, location: driver.source }];
    if (!absenceKnown(daemon)) return [];
    const add = whereToAdd(daemon);
    return [{ messageId: 'default-driver', data: { where: add.where }, evidence: { logDriver: null }, location: add.location }];
  },
  decides: hardeningDecision,
};
