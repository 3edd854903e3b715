import { startingFile } from '../rule-support/hardening-settings.js';
import type { ConfigRule } from './rule.js';

/**
 * CIS 2.1 is manual: running rootful may be a deliberate choice. The finding is the evidence a
 * person judges, naming what starts the daemon as root.
 */
export const daemonRootful: ConfigRule = {
  id: 'daemon-rootful',
  checkConfig({ daemon }) {
    if (!daemon.present || daemon.rootless || daemon.startup.kind !== 'known') return [];
    const starter = startingFile(daemon);
    return [{
      messageId: 'rootful',
      data: { startedBy: daemon.startup.by, file: starter.file },
      evidence: { startedBy: daemon.startup.by, rootless: false },
      location: starter.location,
    }];
  },
};
