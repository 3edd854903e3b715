import { bindsAllInterfaces } from '../config/listener-address.js';
import type { ConfigRule } from './rule.js';


export const daemonTcpAllInterfaces: ConfigRule = {
  id: 'daemon-tcp-all-interfaces',
  checkConfig({ daemon }) {
    return daemon.listeners
      .filter((listener) => listener.scheme === 'tcp' && bindsAllInterfaces(listener.host))
      .map((listener) => ({
        message: `dockerd listens on ${listener.address}, every interface of the host (${listener.source.form}); bind it to the one address clients use.`,
        evidence: { listener: listener.address, host: listener.host ?? '' },
        location: listener.source,
      }));
  },
};
