import type { ConfigRule } from './rule.js';

/** dockerd binds every interface for these; an omitted host (tcp://:2376) means localhost. */
const ALL_INTERFACES = new Set(['0.0.0.0', '::', '[::]']);

export const daemonTcpAllInterfaces: ConfigRule = {
  id: 'daemon-tcp-all-interfaces',
  checkConfig({ daemon }) {
    return daemon.listeners
      .filter((listener) => listener.scheme === 'tcp' && ALL_INTERFACES.has(listener.host ?? ''))
      .map((listener) => ({
        message: `dockerd listens on ${listener.address}, every interface of the host (${listener.source.form}); bind it to the one address clients use.`,
        evidence: { listener: listener.address, host: listener.host ?? '' },
        location: listener.source,
      }));
  },
};
