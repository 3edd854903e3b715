import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The package's own data files (rules/, schema/, compliance/, dist/generated/), found from the
 * package root. This module is one level below the root wherever it runs: src/package-files.ts
 * under the test runner, dist/package-files.js as compiled, and dist/cli.js when the build
 * bundles the CLI into that one file; a path written relative to any deeper module would break
 * in the bundle.
 */
export const PACKAGE_ROOT = fileURLToPath(new URL('../', import.meta.url));

/** A file or folder of the package, e.g. packageFile('rules', 'rule.schema.json'). */
export function packageFile(...parts: string[]): string {
  return join(PACKAGE_ROOT, ...parts);
}
