import type { CodeVersion, MachineInfo } from './machine.js';

export const SECTION_NAMES = ['startup', 'discovery', 'timeout', 'tls', 'memory', 'files'] as const;
export type SectionName = (typeof SECTION_NAMES)[number];

/** Other processes using more than this many cores when a section starts: its numbers are flagged. */
export const BUSY_CORES = 0.25;

export type Met = 'yes' | 'no' | 'n/a' | 'error';

/** One line of the final table. */
export interface Row {
  figure: string;
  dockprobe: string;
  anchor: string;
  ratio: string;
  goal: string;
  met: Met;
  /** Why not met, or what the ratio means; shown under the table. */
  note?: string;
}

export interface SectionResult {
  name: SectionName;
  title: string;
  startedAt: string;
  durationS: number;
  /** 1-minute load average when the section started: other work on the machine skews every figure. */
  loadAverage: number;
  /** Cores busy with other processes during 1 s just before the section (the benchmark idle). */
  otherCpuAtStart: number;
  /** The same, sampled for 1 s right after the section: load that arrived during it shows here. */
  otherCpuAtEnd?: number;
  code: CodeVersion;
  rows: Row[];
  /** Markdown: setup, commands, per-run numbers, profiles. */
  details: string[];
  /** Raw measurements, kept in bench/results/latest.json. */
  raw: Record<string, unknown>;
}

export interface BenchContext {
  root: string;
  /** Absolute path of dist/cli.js. */
  cli: string;
  /** A temp dir for this run, removed at the end. */
  tmp: string;
  machine: MachineInfo;
  code: CodeVersion;
  log(message: string): void;
}

export type Section = (context: BenchContext) => Promise<Omit<SectionResult, 'name' | 'startedAt' | 'durationS' | 'loadAverage' | 'otherCpuAtStart' | 'otherCpuAtEnd' | 'code'>>;

/** The larger of the two samples around a section: above BUSY_CORES its numbers are flagged. */
export function otherCpu(section: Pick<SectionResult, 'otherCpuAtStart' | 'otherCpuAtEnd'>): number {
  return Math.max(section.otherCpuAtStart ?? 0, section.otherCpuAtEnd ?? 0);
}
