import { bindsAllInterfaces } from '../config/listener-address.js';
import type { ConfigRule } from './rule.js';

export const daemonTcpAllInterfaces: ConfigRule = {
  id: 'daemon-tcp-all-interfaces',
  checkConfig({ daemon }) {
    return daemon.listeners
      .filter((listener) => listener.scheme === 'tcp' && bindsAllInterfaces(listener.host))
      .map((listener) => ({
        messageId: 'all-interfaces',
        data: { listener: listener.address, form: listener.source.form },
        evidence: { listener: listener.address, host: listener.host ?? '' },
        location: listener.source,
      }));
  },
};
