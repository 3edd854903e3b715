/**
 * Build step (`npm run build`): reads and validates every rules/<id>.json, as a start would,
 * and writes them as one file (dist/generated/rule-metadata.json) with the state (file times)
 * and digest (contents) of rules/ at that moment. A start then reads that one file; once rules/ changes, it reads rules/ again.
 * rules/*.json stay the source of truth (and of the README's tables, npm run rules:readme).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { readRuleFiles, RULE_BUNDLE_PATH, ruleFilesDigest, ruleFilesState, type RuleBundle } from './rule-metadata.js';

const files = ruleFilesState();
const digest = ruleFilesDigest();
const bundle: RuleBundle = { files, digest, rules: [...readRuleFiles().values()] };
if (ruleFilesState() !== files || ruleFilesDigest() !== digest) throw new Error('rules/ changed while the build read it; build again');
mkdirSync(dirname(RULE_BUNDLE_PATH), { recursive: true });
writeFileSync(RULE_BUNDLE_PATH, JSON.stringify(bundle));
