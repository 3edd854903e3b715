/**
 * `node --cpu-prof` of one dockprobe run, summarised as self time by file and by function, so a
 * missed goal comes with where the time went. Profiles are kept in bench/results/profiles/.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  path: string;
  sampledMs: number;
  byFile: Array<{ name: string; ms: number; percent: number }>;
  byFunction: Array<{ name: string; ms: number; percent: number }>;
}

const shortUrl = (url: string): string =>
  url
    .replace(/^file:\/\//, '')
    .replace(/^.*\/node_modules\//, 'node_modules/')
    .replace(/^\/.*\/dist\//, 'dist/') || '(native/vm)';

export function summariseProfile(path: string, top = 12): ProfileSummary {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const total = [...selfUs.values()].reduce((a, b) => a + b, 0);
  const byFile = new Map<string, number>();
  const byFunction = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const frame = byId.get(id)!.callFrame;
    const file = shortUrl(frame.url);
    byFile.set(file, (byFile.get(file) ?? 0) + us);
    const name = `${frame.functionName || '(anonymous)'} ${file}${frame.url ? `:${frame.lineNumber + 1}` : ''}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + us);
  }
  const ranked = (map: Map<string, number>) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, ms: Math.round(us / 1000), percent: Math.round((1000 * us) / total) / 10 }));
  return { path, sampledMs: Math.round(total / 1000), byFile: ranked(byFile), byFunction: ranked(byFunction) };
}

export interface ThreadProfile {
  /** 'main' or 'worker N'. */
  thread: string;
  relativePath: string;
  summary: ProfileSummary;
}

/**
 * Moves the profiles written into `fromDir` (one per thread: CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile)
 * to `toDir/name.<thread>.cpuprofile`, main thread first, and summarises each.
 */
export function keepProfiles(fromDir: string, toDir: string, name: string, relative: (path: string) => string): ThreadProfile[] {
  const files = readdirSync(fromDir).filter((entry) => entry.endsWith('.cpuprofile'));
  if (files.length === 0) throw new Error(`no .cpuprofile written in ${fromDir}`);
  mkdirSync(toDir, { recursive: true });
  for (const old of readdirSync(toDir).filter((entry) => entry.startsWith(`${name}.`) && entry.endsWith('.cpuprofile'))) rmSync(join(toDir, old), { force: true });
  const threadOf = (file: string) => Number(file.split('.')[4] ?? 0);
  return files
    .sort((a, b) => threadOf(a) - threadOf(b))
    .map((file) => {
      const id = threadOf(file);
      const thread = id === 0 ? 'main' : `worker ${id}`;
      const target = join(toDir, `${name}.${id === 0 ? 'main' : `worker${id}`}.cpuprofile`);
      renameSync(join(fromDir, file), target);
      return { thread, relativePath: relative(target), summary: summariseProfile(target) };
    });
}

export function profileMarkdown(title: string, profiles: ThreadProfile[]): string[] {
  const lines = [`${title} (\`node --cpu-prof\`, one profile per thread, self time; open the files in Chrome DevTools):`, ''];
  for (const { thread, relativePath, summary } of profiles) {
    lines.push(
      `${thread} thread, ${summary.sampledMs} ms sampled, \`${relativePath}\`:`,
      '',
      '| self time | function |',
      '|---:|---|',
      ...summary.byFunction.map((entry) => `| ${entry.percent}% (${entry.ms} ms) | \`${entry.name}\` |`),
      '',
    );
  }
  return lines;
}
