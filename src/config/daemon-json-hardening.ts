import type { ConfigSource, DaemonHardening } from './config-observation.js';
import { emptyHardening, HARDENING_DIRECTIVES, type HardeningDirective } from './hardening-directives.js';

/** What reading one daemon.json key needs from the file around it. */
export interface JsonKeyContext {
  /** Where the key is, as a setting's source. */
  sourceOf(key: string): ConfigSource;
  /** Records that the key's value has a type dockerd refuses (its config fails to load). */
  typeError(key: string, wanted: string): void;
}

const WANTED: Record<HardeningDirective['kind'], string> = {
  boolean: 'true or false',
  string: 'a string',
  list: 'an array of strings',
  ulimits: 'an object of {"Name", "Hard", "Soft"} by ulimit name',
};

/**
 * The section 2 directives of a parsed daemon.json. A value of a type dockerd's decoder (Go's
 * encoding/json into daemon/config.Config) refuses is a type error, as dockerd refuses to start
 * with it, and no setting. `null` is no setting either: Go's decoder leaves the field at its
 * default, without an error.
 */
export function readHardeningKeys(values: Record<string, unknown>, context: JsonKeyContext): DaemonHardening {
  const hardening = emptyHardening();
  for (const directive of HARDENING_DIRECTIVES) {
    if (!(directive.jsonKey in values)) continue;
    const raw = values[directive.jsonKey];
    if (raw === null) continue;
    const value = decode(directive, raw);
    if (value === undefined) {
      context.typeError(directive.jsonKey, WANTED[directive.kind]);
      continue;
    }
    (hardening[directive.field] as unknown[]).push({ value, source: context.sourceOf(directive.jsonKey), origin: 'json' });
  }
  return hardening;
}

function decode(directive: HardeningDirective, raw: unknown): boolean | string | string[] | undefined {
  switch (directive.kind) {
    case 'boolean':
      return typeof raw === 'boolean' ? raw : undefined;
    case 'string':
      return typeof raw === 'string' ? raw : undefined;
    case 'list':
      return Array.isArray(raw) && raw.every((item) => typeof item === 'string') ? (raw as string[]) : undefined;
    case 'ulimits':
      return ulimitStrings(raw);
  }
}

/**
 * daemon.json's "default-ulimits", `{"nofile": {"Name": "nofile", "Hard": 64000, "Soft": 64000}}`,
 * as dockerd prints a ulimit (go-units Ulimit.String): "nofile=64000:64000", soft before hard.
 * Go matches the field names case-insensitively and leaves a missing one at 0; the name dockerd
 * applies is Name, so the key stands in only when Name is not given.
 */
function ulimitStrings(raw: unknown): string[] | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
  const limits: string[] = [];
  for (const [key, entry] of Object.entries(raw as Record<string, unknown>)) {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return undefined;
    const field = (name: string) => Object.entries(entry as Record<string, unknown>).filter(([candidate]) => candidate.toLowerCase() === name).at(-1)?.[1];
    const name = field('name');
    const soft = field('soft') ?? 0;
    const hard = field('hard') ?? 0;
    if (name !== undefined && typeof name !== 'string') return undefined;
    if (!Number.isInteger(soft) || !Number.isInteger(hard)) return undefined;
    limits.push(`${name || key}=${String(soft)}:${String(hard)}`);
  }
  return limits;
}
