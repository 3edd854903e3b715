import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Test } from 'tap';
import { chromium, type BrowserContext } from 'playwright-core';

/** Debian's Chromium (.ci/run installs the chromium package). */
export const CHROMIUM = '/usr/bin/chromium';

/** Why the browser tests cannot run here, or null when they can. */
export function chromiumUnavailableReason(): string | null {
  if (process.platform !== 'linux') return 'the browser tests drive Debian\'s Chromium, on Linux';
  if (!existsSync(CHROMIUM)) return `${CHROMIUM} is not installed (apt-get install chromium)`;
  return null;
}

/** Skipped on a developer's machine without Chromium; a failure under CI, which must run them. */
export function canRunBrowserTests(t: Pick<Test, 'fail' | 'plan'>): boolean {
  const unavailable = chromiumUnavailableReason();
  if (unavailable && process.env.CI) t.fail(`CI must run the browser tests, but: ${unavailable}. .ci/run installs chromium.`);
  else if (unavailable) t.plan(0, unavailable);
  return unavailable === null;
}

/**
 * A headless Chromium with a fresh profile and everything that phones home turned off, so the
 * only requests it makes are the page's own. Closed and its profile removed at teardown.
 */
export async function launchChromium(t: Pick<Test, 'teardown'>, options: { javaScriptEnabled: boolean }): Promise<BrowserContext> {
  const profile = mkdtempSync(join(tmpdir(), 'dockprobe-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    javaScriptEnabled: options.javaScriptEnabled,
    viewport: { width: 1366, height: 900 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  t.teardown(async () => {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  });
  return context;
}
