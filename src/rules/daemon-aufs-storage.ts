import { effective, hardeningDecision } from '../rule-support/hardening-settings.js';
import type { ConfigRule } from './rule.js';

/**
 * An explicit storage-driver of aufs fails. Without one, dockerd picks a driver at start, and a
 * driver with data already in its data-root comes first (an upgraded host with /var/lib/docker/aufs
 * keeps aufs until 24.0 removed it): the configuration cannot tell, so the rule says not checked
 * and the API's Driver decides (api-aufs-storage).
 */
export const daemonAufsStorage: ConfigRule = {
  id: 'daemon-aufs-storage',
  checkConfig({ daemon }) {
    const driver = effective(daemon.hardening.storageDriver);
    if (driver?.value !== 'aufs') return [];
    return [{ messageId: 'aufs', data: { form: driver.source.form, file: driver.source.systemPath }, evidence: { storageDriver: 'aufs' }, location: driver.source }];
  },
  decides(observation) {
    const decision = hardeningDecision(observation);
    if (decision.kind === 'decided' && !effective(observation.daemon.hardening.storageDriver)) {
      return { kind: 'not-checked', why: 'no storage-driver is set: dockerd picks one at start (one with data in its data-root first), which only the API shows (scan the daemon with a client certificate it trusts)' };
    }
    return decision;
  },
};
