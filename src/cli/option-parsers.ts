import type { Option } from 'commander';
import { SEVERITIES, type FailThreshold } from '../severity.js';
import { UsageError } from '../usage-error.js';

/** Commander's way of making a repeatable option: each use appends. */
export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

const MAX_PORTS = 1024;

/** "2375,2376", "2375-2380": a list of ports, each 1-65535, duplicates dropped, order kept. */
export function parsePortList(text: string): number[] {
  const ports: number[] = [];
  for (const item of text.split(',').map((part) => part.trim()).filter(Boolean)) {
    const range = item.match(/^(\d+)-(\d+)$/);
    const [low, high] = range ? [Number(range[1]), Number(range[2])] : [Number(item), Number(item)];
    if (!/^\d+(-\d+)?$/.test(item) || low < 1 || high > 65535 || low > high) {
      throw new UsageError(`--ports "${text}": "${item}" is not a port or port range; use numbers 1-65535, e.g. 2375,2376 or 2375-2380`);
    }
    for (let port = low; port <= high; port++) if (!ports.includes(port)) ports.push(port);
    if (ports.length > MAX_PORTS) throw new UsageError(`--ports "${text}": more than ${MAX_PORTS} ports; name the ports Docker listens on`);
  }
  if (ports.length === 0) throw new UsageError(`--ports "${text}": no ports given; e.g. --ports 2375,2376`);
  return ports;
}

export function parseBoundedInteger(flag: string, text: string, min: number, max: number): number {
  if (!/^\d+$/.test(text.trim()) || Number(text) < min || Number(text) > max) {
    throw new UsageError(`${flag} "${text}": must be a whole number from ${min} to ${max}`);
  }
  return Number(text);
}

export function parseChoice<T extends string>(flag: string, text: string, choices: readonly T[]): T {
  if (!(choices as readonly string[]).includes(text)) throw new UsageError(`${flag} "${text}": must be one of ${choices.join(', ')}`);
  return text as T;
}

/** Severities are names, not codes: HIGH, High and high are the same (as --severity has always taken them). */
export function parseFailThreshold(text: string): FailThreshold {
  const choices = [...SEVERITIES, 'none'] as const;
  const named = choices.find((choice) => choice === text.trim().toLowerCase());
  if (named === undefined) throw new UsageError(`--fail-on "${text}": must be one of ${choices.join(', ')} (in any case)`);
  return named;
}

/**
 * An option whose choices --help lists, but whose value our own parser checks later (with a
 * "dockprobe: ..." message, forgiving case): commander's check would refuse --fail-on HIGH.
 */
export function listChoicesOnly(option: Option, choices: readonly string[]): Option {
  return option.choices(choices).argParser((value: string) => value);
}

export function parseDate(flag: string, text: string): Date {
  const date = new Date(text);
  const day = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
  if (!day || Number.isNaN(date.getTime())) {
    throw new UsageError(`${flag} "${text}": not a date; use YYYY-MM-DD or an ISO 8601 timestamp`);
  }
  // JavaScript rolls 2026-02-30 over to March 2; a user who typed it meant something else.
  const [, year, month, dayOfMonth] = day.map(Number);
  const calendar = new Date(Date.UTC(year!, month! - 1, dayOfMonth!));
  if (calendar.getUTCFullYear() !== year || calendar.getUTCMonth() !== month! - 1 || calendar.getUTCDate() !== dayOfMonth) {
    throw new UsageError(`${flag} "${text}": there is no such day; use a real calendar date, YYYY-MM-DD`);
  }
  return date;
}

/** Commander passes `--flag ''` through as an empty string; a path option that is empty is a mistake. */
export function rejectEmptyValues(values: Record<string, string | undefined>): void {
  for (const [flag, value] of Object.entries(values)) {
    if (value !== undefined && value.trim() === '') throw new UsageError(`${flag} is empty; give a path, or leave the option out`);
  }
}

const DURATION_UNITS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as const;

/** What one duration flag accepts: its range, the unit of a bare number, and the words its error uses. */
export interface DurationRule {
  minMs: number;
  maxMs: number;
  bareUnit: keyof typeof DURATION_UNITS;
  /** "from 1s to 7 days, e.g. 90s, 30m or 2h" */
  said: string;
}

/** --target-timeout, --max-duration: a bare number is seconds, as they always took it. */
export const LONG_DURATION: DurationRule = { minMs: 1000, maxMs: 7 * 24 * 3_600_000, bareUnit: 's', said: 'from 1s to 7 days, e.g. 90s, 30m or 2h' };

/** --timeout: a bare number is milliseconds, as it always was (--timeout 3000). */
export const REQUEST_TIMEOUT: DurationRule = { minMs: 50, maxMs: 600_000, bareUnit: 'ms', said: 'from 50ms to 10m, e.g. 5s, 500ms or 3000 (a bare number is milliseconds)' };

/** "90s", "30m", "2h", "1500ms", or a bare number in the flag's own unit: a length of time, in milliseconds. */
export function parseDuration(flag: string, text: string, rule: DurationRule = LONG_DURATION): number {
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)?$/i.exec(text.trim());
  const unit = (match?.[2]?.toLowerCase() ?? rule.bareUnit) as keyof typeof DURATION_UNITS;
  const value = match ? Math.round(Number(match[1]) * DURATION_UNITS[unit]) : NaN;
  if (!match || !(value >= rule.minMs) || value > rule.maxMs) {
    throw new UsageError(`${flag} "${text}": give a length of time ${rule.said}`);
  }
  return value;
}
