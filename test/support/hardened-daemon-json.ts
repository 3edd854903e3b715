/**
 * A daemon.json that passes every automated CIS Docker section 2 control dockprobe decides from
 * configuration: the fixture roots start from it and change one setting at a time.
 */
export const HARDENED_DAEMON_JSON: Readonly<Record<string, unknown>> = {
  'icc': false,
  'log-level': 'info',
  'iptables': true,
  'storage-driver': 'overlay2',
  'userns-remap': 'default',
  'authorization-plugins': ['opa-docker-authz'],
  'log-driver': 'syslog',
  'log-opts': { 'syslog-address': 'tcp://10.0.0.7:514' },
  'no-new-privileges': true,
  'live-restore': true,
  'userland-proxy': false,
  'default-ulimits': { nofile: { Name: 'nofile', Hard: 64000, Soft: 64000 } },
  'seccomp-profile': '/etc/docker/seccomp.json',
};
