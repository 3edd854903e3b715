import { isAbsolute, relative } from 'node:path';

/**
 * Ignore-file patterns, as in .gitignore and Trivy: `*` stays within one path segment,
 * `**` crosses them, `?` is one character. A pattern matches a finding's place: the
 * host:port, the bare host of it (so `10.0.0.5` covers every port), or the file path, both as
 * read and as the audited system knows it under --root.
 */
export function compilePlacePattern(pattern: string): RegExp {
  let source = '';
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern[index]!;
    if (char === '*' && pattern[index + 1] === '*') {
      source += '.*';
      index++;
    } else if (char === '*') {
      source += '[^/]*';
    } else if (char === '?') {
      source += '[^/]';
    } else {
      source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    }
  }
  return new RegExp(`^${source}$`);
}

/**
 * The names a finding's place goes by, any of which a pattern may match. A file below
 * `baseDir` (the ignore file's folder) also goes by its path relative to it, so an ignore file
 * committed beside the certificates works in any checkout.
 */
export function placeNames(finding: { target?: string; path?: string; systemPath?: string }, baseDir?: string): string[] {
  const names: string[] = [];
  if (finding.target) {
    names.push(finding.target);
    const host = /^(.*):\d+$/.exec(finding.target)?.[1];
    if (host) names.push(host, host.replace(/^\[(.*)\]$/, '$1'));
  }
  if (finding.systemPath) names.push(finding.systemPath);
  if (finding.path) names.push(finding.path);
  if (finding.path && baseDir) {
    const inside = relative(baseDir, finding.path);
    if (inside && !inside.startsWith('..') && !isAbsolute(inside)) names.push(inside);
  }
  return names;
}
