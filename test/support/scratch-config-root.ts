import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Test } from 'tap';

/** The committed audited-system trees (see fixtures/config/README.md). */
export const CONFIG_FIXTURES = resolve(dirname(fileURLToPath(import.meta.url)), '../../fixtures/config');

/** A fixture root copied to a temp dir (or an empty one), where modes, owners and odd files can be made. */
export function scratchRoot(t: Test, fixture: string | null): string {
  const root = mkdtempSync(join(tmpdir(), 'dockprobe-config-'));
  t.teardown(() => rmSync(root, { recursive: true, force: true }));
  if (fixture) cpSync(join(CONFIG_FIXTURES, fixture), root, { recursive: true });
  return root;
}

/** Writes `content` at `systemPath` as the audited system sees it, under `root`. */
export function write(root: string, systemPath: string, content: string | Buffer): void {
  mkdirSync(dirname(join(root, systemPath)), { recursive: true });
  writeFileSync(join(root, systemPath), content);
}
