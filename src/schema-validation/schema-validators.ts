import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Ajv, Options, ValidateFunction } from 'ajv';
import { packageFile } from '../package-files.js';

/**
 * The JSON Schemas dockprobe validates against at run time, each with its ajv options, in one
 * place: the build compiles each into standalone code (write-standalone-validators.ts) from this
 * same list, and schemaValidator() loads that code or, failing that, compiles the schema itself.
 * The schema files stay the source of truth; the generated code is a build product in dist/.
 */
export const SCHEMA_VALIDATORS = {
  /** A saved JSON report read back (report convert/diff/merge, --baseline, --state). */
  report: { schema: 'schema/report.schema.json', options: { allErrors: true, allowUnionTypes: true, verbose: true } },
  /** Each rules/<id>.json, read at every start. */
  rule: { schema: 'rules/rule.schema.json', options: { allErrors: true, allowUnionTypes: true } },
  /** A --compliance spec, shipped or the user's own file. */
  'compliance-spec': { schema: 'schema/compliance-spec.schema.json', options: { allErrors: true } },
} as const satisfies Record<string, { schema: string; options: Options }>;

export type SchemaName = keyof typeof SCHEMA_VALIDATORS;

// ajv and the generated files are CommonJS: required synchronously, and only when used.
const require = createRequire(import.meta.url);

/** The schema file, under the package root. */
export function schemaPath(name: SchemaName): string {
  return packageFile(SCHEMA_VALIDATORS[name].schema);
}

/**
 * Where the build writes a schema's standalone validator: dist/generated/. The tests, run from
 * src/ after `npm test` built dist/, use the same files; whatever no longer matches is compiled.
 */
export function standaloneValidatorPath(name: SchemaName): string {
  return packageFile('dist', 'generated', `${name}-validator.cjs`);
}

/** What a generated file exports: ajv's standalone validator, and the key of what it was made from. */
export interface StandaloneModule {
  (data: unknown): boolean;
  madeFrom?: string;
}

/**
 * What a standalone validator was made from, as one hash: the schema text, the ajv options and
 * ajv's version. Any change since the build, and the generated code is not used.
 */
export function validatorKey(name: SchemaName, schemaText: string): string {
  const ajvVersion = (require('ajv/package.json') as { version: string }).version;
  return createHash('sha256').update(JSON.stringify([ajvVersion, SCHEMA_VALIDATORS[name].options, schemaText])).digest('hex');
}

const loaded = new Map<SchemaName, ValidateFunction>();

/**
 * The validator for one schema: the build's standalone code when it was made from the schema
 * file as it is now, with these options and this ajv (compiling the report schema costs about 0.2 s of CPU at every start),
 * else the schema compiled by ajv with the same options, so a schema edited since the last
 * build is never judged by stale code.
 */
export function schemaValidator<T = unknown>(name: SchemaName): ValidateFunction<T> {
  let validator = loaded.get(name);
  if (!validator) {
    const text = readFileSync(schemaPath(name), 'utf8');
    validator = standaloneValidator(name, text) ?? compile(name, text);
    loaded.set(name, validator);
  }
  return validator as ValidateFunction<T>;
}

/** Which way schemaValidator() got its validator, for the tests and the build check. */
export function validatorSource(name: SchemaName): 'standalone' | 'compiled' {
  return standaloneValidator(name, readFileSync(schemaPath(name), 'utf8')) ? 'standalone' : 'compiled';
}

/** The build's standalone validator for the schema, if there is one and it was made from `schemaText`; else null. */
export function standaloneValidator(name: SchemaName, schemaText: string): ValidateFunction | null {
  const file = standaloneValidatorPath(name);
  if (!existsSync(file)) return null;
  const module = require(file) as StandaloneModule;
  if (module.madeFrom !== validatorKey(name, schemaText)) return null; // built before the schema, its options or ajv changed
  return module as unknown as ValidateFunction;
}

/** An ajv with a schema's options, as both the build (write-standalone-validators.ts) and compile() use it. */
export function ajvFor(name: SchemaName, extra: Options = {}): Ajv {
  const ajv = require('ajv') as typeof import('ajv');
  return new ajv.Ajv({ ...SCHEMA_VALIDATORS[name].options, ...extra });
}

/** The schema compiled here and now. */
export function compile(name: SchemaName, schemaText: string): ValidateFunction {
  return ajvFor(name).compile(JSON.parse(schemaText) as object);
}
