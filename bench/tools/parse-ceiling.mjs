#!/usr/bin/env node
// The anchor for `dockprobe files`: the least any Node auditor does per file. Walks DIR (no
// symlinks followed), lstat()s and reads every regular file, and parses each PEM block:
// certificates with X509Certificate, keys with createPrivateKey. No roles, pairing, chains,
// rules or report.
//
//   node bench/tools/parse-ceiling.mjs DIR
// Prints one JSON line: { files, certificates, keys, other, wallMs, filesPerSecond }.
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const started = process.hrtime.bigint();
const counts = { files: 0, certificates: 0, keys: 0, other: 0 };
const PEM = /-----BEGIN ([A-Z0-9 ]+)-----[\s\S]*?-----END \1-----/g;

function visit(path) {
  const stat = lstatSync(path);
  if (stat.isDirectory()) {
    for (const entry of readdirSync(path)) visit(join(path, entry));
    return;
  }
  if (!stat.isFile()) return;
  counts.files++;
  const text = readFileSync(path, 'utf8');
  for (const match of text.matchAll(PEM)) {
    const label = match[1];
    try {
      if (label === 'CERTIFICATE') {
        new X509Certificate(match[0]).validTo;
        counts.certificates++;
      } else if (label.endsWith('PRIVATE KEY')) {
        createPrivateKey(match[0]);
        counts.keys++;
      } else counts.other++;
    } catch {
      counts.other++;
    }
  }
}

visit(process.argv[2]);
const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
process.stdout.write(`${JSON.stringify({ ...counts, wallMs, filesPerSecond: (counts.files * 1000) / wallMs })}\n`);
