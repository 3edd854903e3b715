import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { schemaValidator } from '../schema-validation/schema-validators.js';
import { packageFile } from '../package-files.js';
import { UsageError } from '../usage-error.js';

/**
 * A benchmark's control list as data (compliance/<id>.json, schema/compliance-spec.schema.json):
 * which controls there are and which rules decide each. The benchmark lives in data so that a
 * new version is a new file, and so that auditors can read what dockprobe claims to check.
 */
export interface ComplianceControl {
  id: string;
  title: string;
  section: string;
  level: number;
  assessment: 'automated' | 'manual';
  rules: string[];
  /** Set for a control about one file or directory: findings count only when evidence.object is this. */
  object?: string;
}

export interface ComplianceSpec {
  id: string;
  title: string;
  version: string;
  source: string;
  url?: string;
  controls: ComplianceControl[];
}

/** The shipped specs: compliance/ at the package root. */
export const COMPLIANCE_DIR = `${packageFile('compliance')}/`;

/** The names --compliance accepts without a path: the specs shipped in compliance/. */
export function shippedSpecNames(dir = COMPLIANCE_DIR): string[] {
  return readdirSync(dir).filter((name) => name.endsWith('.json')).map((name) => name.slice(0, -'.json'.length)).sort();
}

/**
 * Reads --compliance SPEC: a shipped spec's name ("cis-docker-1.7.0"), or a path to a spec file.
 * A spec that does not validate is the user's input when they named a file, so it is a usage error.
 */
export function loadComplianceSpec(nameOrPath: string, dir = COMPLIANCE_DIR): ComplianceSpec {
  const shipped = shippedSpecNames(dir);
  const path = shipped.includes(nameOrPath) ? `${dir}${nameOrPath}.json` : nameOrPath;
  if (!shipped.includes(nameOrPath) && !existsSync(path)) {
    throw new UsageError(`--compliance "${nameOrPath}": no such spec; name one of ${shipped.join(', ')}, or give the path of a spec file (see schema/compliance-spec.schema.json)`);
  }
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new UsageError(`--compliance "${nameOrPath}": cannot read it as JSON (${(error as Error).message.split('\n')[0]}); give a compliance spec file`);
  }
  const validate = schemaValidator<ComplianceSpec>('compliance-spec');
  if (!validate(data)) {
    const problems = (validate.errors ?? []).slice(0, 3).map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ');
    throw new UsageError(`--compliance "${nameOrPath}": not a compliance spec (${problems}); see schema/compliance-spec.schema.json`);
  }
  const ids = data.controls.map((control) => control.id);
  const twice = ids.find((id, index) => ids.indexOf(id) !== index);
  if (twice) throw new UsageError(`--compliance "${nameOrPath}": control ${twice} is listed twice; each control once`);
  return data;
}

/** How rules name a control in their metadata: "cis-docker-1.7.0:2.7". */
export function controlRef(spec: Pick<ComplianceSpec, 'id'>, control: Pick<ComplianceControl, 'id'>): string {
  return `${spec.id}:${control.id}`;
}
