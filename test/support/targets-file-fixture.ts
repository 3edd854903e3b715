/**
 * --targets-file inputs written by a test into its own temporary folder (removed at teardown),
 * and the targets read back in a short form that shows what users rely on: host:port and line.
 */
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TargetSpec } from '../../src/targets/target-spec.js';

export interface TargetsFolder {
  dir: string;
  /** Writes the file and returns its absolute path. */
  write(name: string, content: string | Buffer): string;
}

export function targetsFolder(t: { teardown(fn: () => void): void }): TargetsFolder {
  // realpath: sources are absolute paths compared as text, and tmpdir may be a symbolic link.
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'dockprobe-targets-file-')));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return {
    dir,
    write(name, content) {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    },
  };
}

/** "input @ line", plus the port as a number, so a test compares one readable list. */
export function targetLines(specs: TargetSpec[]): { input: string; port: number | null; line: number | undefined }[] {
  return specs.map((spec) => ({ input: spec.input, port: spec.port, line: spec.source?.line }));
}
