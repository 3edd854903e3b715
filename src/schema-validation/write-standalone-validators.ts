/**
 * Build step (`npm run build`, `prepare`, `test`): compiles every schema in SCHEMA_VALIDATORS
 * into ajv standalone code in dist/generated/<name>-validator.cjs, so that no run compiles a
 * schema. The code needs only ajv's runtime helpers (ajv/dist/runtime/*), and ajv is a runtime
 * dependency. Each file carries the hash of the schema text, options and ajv version it was made
 * from: a schema edited after the build is compiled at run time instead of being judged by stale code.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { ajvFor, schemaPath, SCHEMA_VALIDATORS, standaloneValidatorPath, validatorKey, type SchemaName } from './schema-validators.js';

for (const name of Object.keys(SCHEMA_VALIDATORS) as SchemaName[]) {
  const text = readFileSync(schemaPath(name), 'utf8');
  const ajv = ajvFor(name, { code: { source: true } });
  const code = standaloneCode.default(ajv, ajv.compile(JSON.parse(text) as object));
  const out = standaloneValidatorPath(name);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${code}\nmodule.exports.madeFrom = ${JSON.stringify(validatorKey(name, text))};\n`);
}
