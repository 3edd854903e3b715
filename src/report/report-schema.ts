import { readFileSync } from 'node:fs';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { schemaPath, schemaValidator } from '../schema-validation/schema-validators.js';
import { REPORT_SCHEMA_VERSION, type ScanReport } from './scan-report.js';

/**
 * The published JSON Schema of the JSON report (schema/report.schema.json, documented in
 * docs/report-format.md), and the check a saved report passes before dockprobe reads it back.
 */

/** schema/ sits at the package root, two levels above both src/report and dist/report. */
export const REPORT_SCHEMA_PATH = schemaPath('report');

/** A JSON Schema node, as far as this file reads one. */
export interface SchemaNode {
  $id?: string;
  $ref?: string;
  properties?: Record<string, SchemaNode>;
  additionalProperties?: boolean | SchemaNode;
  items?: SchemaNode | SchemaNode[];
  allOf?: SchemaNode[];
  anyOf?: SchemaNode[];
  oneOf?: SchemaNode[];
  then?: SchemaNode;
  else?: SchemaNode;
  [keyword: string]: unknown;
}

export type ReportValidation = { valid: true; report: ScanReport } | { valid: false; problems: string[] };

/** More than this many problems means "not this kind of file"; the rest are counted. */
const MAX_PROBLEMS = 20;

let schema: SchemaNode | null = null;
let validator: ValidateFunction | null = null;

/** The schema, parsed (read once). */
export function reportSchema(): SchemaNode {
  schema ??= JSON.parse(readFileSync(REPORT_SCHEMA_PATH, 'utf8')) as SchemaNode;
  return schema;
}

function compiled(): ValidateFunction {
  // Loaded on first use only: most runs never read a report back.
  validator ??= schemaValidator('report');
  return validator;
}

const majorOf = (version: string): string | undefined => /^(\d+)\./.exec(version)?.[1];
const minorOf = (version: string): number => Number(/^\d+\.(\d+)\./.exec(version)?.[1]);

/**
 * Checks a parsed JSON report against schema/report.schema.json: any 1.x report passes (fields
 * are required from the minor that added them), anything else gets short problems such as
 * `/findings/0/severity: must be one of "critical", "high", "medium", "low", "info" (got "severe")`.
 *
 * A valid report from an older minor lacks the fields added since (`suppressed`, `omitted`,
 * `files`, ...): fill them with their empty values before use, as readSavedReport does.
 */
export function validateReport(value: unknown): ReportValidation {
  const version = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as { schemaVersion?: unknown }).schemaVersion : undefined;
  const ours = majorOf(REPORT_SCHEMA_VERSION)!;
  const theirs = typeof version === 'string' ? majorOf(version) : undefined;
  if (theirs !== undefined && theirs !== ours) {
    // A report of another major is another format: listing its differences would only be noise.
    return { valid: false, problems: [`/schemaVersion: "${String(version)}" is report format ${theirs}.x; this dockprobe reads ${ours}.x (${REPORT_SCHEMA_VERSION} and older); use a dockprobe that reads ${theirs}.x`] };
  }
  const validate = compiled();
  if (validate(value)) return { valid: true, report: value as ScanReport };
  const problems = describeErrors(validate.errors ?? []);
  if (typeof version === 'string' && minorOf(version) > minorOf(REPORT_SCHEMA_VERSION)) {
    problems.push(`/schemaVersion: "${version}" is newer than the ${REPORT_SCHEMA_VERSION} this dockprobe knows; a newer dockprobe may read it`);
  }
  return { valid: false, problems };
}

/** ajv's errors, as one short line each: the JSON pointer, then what is wrong. */
function describeErrors(errors: readonly ErrorObject[]): string[] {
  // Combinators only restate their branches' errors; `if` only says "then" failed.
  const relevant = errors.filter((error) => !['anyOf', 'oneOf', 'if'].includes(error.keyword));
  const pointerOf = (error: ErrorObject): string =>
    error.keyword === 'required' ? `${error.instancePath}/${(error.params as { missingProperty: string }).missingProperty}` : error.instancePath;
  // In a null-or-object choice, an object with a problem inside also fails "must be null": drop that.
  const kept = relevant.filter((error) => error.keyword !== 'type' || !relevant.some((other) => pointerOf(other).startsWith(`${error.instancePath}/`)));
  // Several type errors at one place (null or object, string or null) make one line.
  const problems: string[] = [];
  const types = new Map<string, { at: number; types: string[]; data: unknown }>();
  for (const error of kept) {
    if (error.keyword !== 'type') {
      problems.push(describeError(error, pointerOf(error)));
      continue;
    }
    const entry = types.get(error.instancePath) ?? { at: problems.push('') - 1, types: [], data: error.data };
    entry.types.push(...String((error.params as { type: string | string[] }).type).split(','));
    types.set(error.instancePath, entry);
  }
  for (const [path, entry] of types) {
    const expected = [...new Set(entry.types)].sort((a, b) => Number(a === 'null') - Number(b === 'null'));
    problems[entry.at] = `${path || '/'}: must be ${expected.join(' or ')} (got ${shown(entry.data)})`;
  }
  const unique = [...new Set(problems)];
  if (unique.length <= MAX_PROBLEMS) return unique;
  return [...unique.slice(0, MAX_PROBLEMS), `…and ${unique.length - MAX_PROBLEMS} more problems`];
}

/** What the patterns people meet most often mean, by where they sit in the schema. */
const PATTERN_WORDS: Readonly<Record<string, string>> = {
  '/properties/schemaVersion/pattern': `be a 1.x.y version such as "${REPORT_SCHEMA_VERSION}"`,
  '/definitions/timestamp/pattern': 'be a UTC timestamp such as "2026-11-23T17:40:25.123Z"',
  '/definitions/target/pattern': 'be "host:port", an IPv6 address as "[addr]:port"',
  '/properties/fingerprint/pattern': 'be 32 lowercase hex characters',
  '/properties/ruleId/pattern': 'be a rule id such as "api-unauthenticated"',
  '/properties/expires/pattern': 'be a day as "YYYY-MM-DD", or null',
};

function describeError(error: ErrorObject, pointer: string): string {
  const at = pointer || '/';
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return `${at}: required, but missing`;
    case 'enum':
      return `${at}: must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')} (got ${shown(error.data)})`;
    case 'const':
      return `${at}: must be ${JSON.stringify(params.allowedValue)} (got ${shown(error.data)})`;
    case 'pattern': {
      const known = Object.entries(PATTERN_WORDS).find(([suffix]) => error.schemaPath.endsWith(suffix));
      return `${at}: must ${known ? known[1] : `match ${String(params.pattern)}`} (got ${shown(error.data)})`;
    }
    case 'minLength':
      return params.limit === 1 ? `${at}: must not be empty` : `${at}: ${error.message ?? 'is too short'}`;
    case 'minimum':
    case 'maximum':
      return `${at}: ${error.message ?? 'is out of range'} (got ${shown(error.data)})`;
    default:
      return `${at}: ${error.message ?? `fails ${error.keyword}`}`;
  }
}

/** A value for a problem line: JSON, cut short. */
function shown(data: unknown): string {
  const text = data === undefined ? 'nothing' : Array.isArray(data) ? 'an array' : typeof data === 'object' && data !== null ? 'an object' : JSON.stringify(data);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/**
 * JSON pointers of the fields in `value` that the schema does not describe (evidence and other
 * maps excepted). A 1.x consumer ignores such fields, so they are not invalid; but in a report
 * this dockprobe wrote, each one is a field added to the code and not yet to the schema.
 */
export function undescribedFields(value: unknown): string[] {
  const root = reportSchema();
  const found: string[] = [];
  walk(value, [root], '', root, found);
  return found;
}

function resolveRef(root: SchemaNode, ref: string): SchemaNode {
  if (!ref.startsWith('#/')) throw new Error(`schema/report.schema.json: only local $ref is supported, got ${ref}`);
  let node: unknown = root;
  for (const part of ref.slice(2).split('/')) node = (node as Record<string, unknown>)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  if (typeof node !== 'object' || node === null) throw new Error(`schema/report.schema.json: $ref ${ref} points nowhere`);
  return node as SchemaNode;
}

/** Every schema that can describe a value here: $ref followed, allOf/anyOf/oneOf and then/else opened. */
function expand(nodes: readonly SchemaNode[], root: SchemaNode): SchemaNode[] {
  const out: SchemaNode[] = [];
  const pending = [...nodes];
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (out.includes(node)) continue;
    out.push(node);
    if (node.$ref) pending.push(resolveRef(root, node.$ref));
    for (const branch of [...(node.allOf ?? []), ...(node.anyOf ?? []), ...(node.oneOf ?? [])]) pending.push(branch);
    if (node.then) pending.push(node.then);
    if (node.else) pending.push(node.else);
  }
  return out;
}

function walk(value: unknown, nodes: readonly SchemaNode[], pointer: string, root: SchemaNode, found: string[]): void {
  if (typeof value !== 'object' || value === null) return;
  const schemas = expand(nodes, root);
  if (Array.isArray(value)) {
    const items = schemas.flatMap((schema) => (schema.items && !Array.isArray(schema.items) ? [schema.items] : []));
    value.forEach((item, index) => walk(item, items, `${pointer}/${index}`, root, found));
    return;
  }
  for (const [key, child] of Object.entries(value)) {
    const where = `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    let described = schemas.flatMap((schema) => (schema.properties && Object.hasOwn(schema.properties, key) ? [schema.properties[key]!] : []));
    if (described.length === 0) described = schemas.flatMap((schema) => (typeof schema.additionalProperties === 'object' ? [schema.additionalProperties] : []));
    if (described.length === 0) {
      found.push(where);
      continue;
    }
    walk(child, described, where, root, found);
  }
}
