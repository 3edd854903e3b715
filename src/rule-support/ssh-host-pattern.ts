/**
 * ssh_config(5) Host matching: space-separated patterns with * and ?, a leading ! negates,
 * and a negated match rules the host out whatever else matches.
 */
export function sshHostPatternMatches(patternList: string, host: string): boolean {
  let matched = false;
  for (const raw of patternList.split(/[\s,]+/).filter(Boolean)) {
    const negated = raw.startsWith('!');
    const pattern = negated ? raw.slice(1) : raw;
    const regex = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i');
    if (regex.test(host)) {
      if (negated) return false;
      matched = true;
    }
  }
  return matched;
}
