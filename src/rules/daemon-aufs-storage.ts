import { effective, hardeningDecision } from '../rule-support/hardening-settings.js';
import type { ConfigRule } from './rule.js';

/** Only an explicit storage-driver can name aufs: dockerd never picks it by default since 19.03, and removed it in 24.0. */
export const daemonAufsStorage: ConfigRule = {
  id: 'daemon-aufs-storage',
  checkConfig({ daemon }) {
    const driver = effective(daemon.hardening.storageDriver);
    if (driver?.value !== 'aufs') return [];
    return [{ messageId: 'aufs', data: { form: driver.source.form, file: driver.source.systemPath }, evidence: { storageDriver: 'aufs' }, location: driver.source }];
  },
  decides: hardeningDecision,
};
