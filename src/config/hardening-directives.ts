import type { DaemonHardening } from './config-observation.js';

/**
 * The CIS Docker Benchmark section 2 directives dockprobe reads, with their names in daemon.json
 * and on dockerd's command line (moby cmd/dockerd/config.go, config_unix.go; daemon/config).
 *
 * - boolean: a JSON true/false, or a flag that takes no value (`--icc`, `--icc=false`).
 * - string: a JSON string, or a flag with a value (`--log-level debug`, `-l debug`, `--log-level=debug`).
 * - list: a JSON array of strings, or a flag dockerd takes again and again, each with one value.
 * - ulimits: daemon.json's object of {Name, Hard, Soft} by name, or the repeatable --default-ulimit.
 */
export type HardeningField = keyof DaemonHardening;
export type HardeningKind = 'boolean' | 'string' | 'list' | 'ulimits';

export interface HardeningDirective {
  field: HardeningField;
  jsonKey: string;
  flag: string;
  /** dockerd's one-letter form, where it has one. */
  shorthand?: string;
  kind: HardeningKind;
}

export const HARDENING_DIRECTIVES: readonly HardeningDirective[] = [
  { field: 'icc', jsonKey: 'icc', flag: 'icc', kind: 'boolean' },
  { field: 'logLevel', jsonKey: 'log-level', flag: 'log-level', shorthand: 'l', kind: 'string' },
  { field: 'debug', jsonKey: 'debug', flag: 'debug', shorthand: 'D', kind: 'boolean' },
  { field: 'iptables', jsonKey: 'iptables', flag: 'iptables', kind: 'boolean' },
  { field: 'insecureRegistries', jsonKey: 'insecure-registries', flag: 'insecure-registry', kind: 'list' },
  { field: 'storageDriver', jsonKey: 'storage-driver', flag: 'storage-driver', shorthand: 's', kind: 'string' },
  { field: 'defaultUlimits', jsonKey: 'default-ulimits', flag: 'default-ulimit', kind: 'ulimits' },
  { field: 'usernsRemap', jsonKey: 'userns-remap', flag: 'userns-remap', kind: 'string' },
  { field: 'cgroupParent', jsonKey: 'cgroup-parent', flag: 'cgroup-parent', kind: 'string' },
  { field: 'authorizationPlugins', jsonKey: 'authorization-plugins', flag: 'authorization-plugin', kind: 'list' },
  { field: 'logDriver', jsonKey: 'log-driver', flag: 'log-driver', kind: 'string' },
  { field: 'noNewPrivileges', jsonKey: 'no-new-privileges', flag: 'no-new-privileges', kind: 'boolean' },
  { field: 'liveRestore', jsonKey: 'live-restore', flag: 'live-restore', kind: 'boolean' },
  { field: 'userlandProxy', jsonKey: 'userland-proxy', flag: 'userland-proxy', kind: 'boolean' },
  { field: 'seccompProfile', jsonKey: 'seccomp-profile', flag: 'seccomp-profile', kind: 'string' },
  { field: 'experimental', jsonKey: 'experimental', flag: 'experimental', kind: 'boolean' },
  { field: 'bridge', jsonKey: 'bridge', flag: 'bridge', shorthand: 'b', kind: 'string' },
];

export function emptyHardening(): DaemonHardening {
  const hardening = {} as Record<HardeningField, unknown[]>;
  for (const directive of HARDENING_DIRECTIVES) hardening[directive.field] = [];
  return hardening as unknown as DaemonHardening;
}

export function directiveByFlag(name: string): HardeningDirective | undefined {
  return HARDENING_DIRECTIVES.find((directive) => directive.flag === name);
}

export function directiveByShorthand(letter: string): HardeningDirective | undefined {
  return HARDENING_DIRECTIVES.find((directive) => directive.shorthand === letter);
}
