import type { ConfigObservation } from '../config/config-observation.js';

/** Where a machine's name came from, strongest first. */
export type MachineNameSource = 'host-label' | 'system' | 'root-path';

/**
 * Which machine a local audit (`audit`, `config`, `files`) describes (report format 1.7.0).
 * Findings, files and endpoints seen from the machine carry its `key`, so that the same file on
 * two machines stays two findings through `report merge`, `report diff` and SARIF, while the
 * same machine audited twice is the same findings again.
 */
export interface MachineIdentity {
  /**
   * The identity fingerprints and merges go by: --host-label NAME as given; else the hostname
   * and /etc/machine-id together ("web-01/4f1c…"), so two clones of one golden image with the
   * same machine-id but their own hostnames stay apart; else either one alone; else, for a
   * --root image that records neither, "root:" and the root path.
   */
  key: string;
  /** What a person reads: --host-label, else the hostname, else the key. */
  label: string;
  /** The hostname: the live system's, or the root's /etc/hostname; null when unknown. */
  hostname: string | null;
  /** /etc/machine-id (32 hex digits), or null when missing, empty or "uninitialized". */
  machineId: string | null;
  source: MachineNameSource;
}

/** A machine in a report: who it is, and what of it this report looked at. */
export interface MachineEntry extends MachineIdentity {
  /** The directory audited as its "/": "/" for the live system, else the --root. */
  root: string;
  /** Its Docker configuration, when the run read it (config, audit); null otherwise. */
  config: ConfigObservation | null;
  /** The certificate and key files or folders audited on it (absolute, as read); null when none. */
  paths: string[] | null;
  /** Whether the benchmark hardening checks ran on it (--compliance, 1.8.0); absent in older reports: they did not. */
  benchmarkRules?: boolean;
}
