/**
 * GET /info lists the daemon's security features in SecurityOptions as "name=seccomp,profile=builtin",
 * "name=userns", "name=rootless", ... (docker info prints them parsed the same way). This reads
 * one entry by name into its key=value pairs, or undefined when the daemon does not list it.
 */
export function securityOption(options: readonly string[], name: string): Map<string, string> | undefined {
  for (const option of options) {
    const pairs = new Map<string, string>();
    for (const part of option.split(',')) {
      const equals = part.indexOf('=');
      if (equals > 0) pairs.set(part.slice(0, equals).trim(), part.slice(equals + 1).trim());
    }
    if (pairs.get('name') === name) return pairs;
  }
  return undefined;
}

/**
 * An empty SecurityOptions is not "none of these": every Linux dockerd lists at least its seccomp
 * (or AppArmor, SELinux, cgroupns) state, so an empty list is a daemon that did not say, or one
 * dockprobe read before it listed them. Rules that judge an absence need a list to judge.
 */
export function securityOptionsListed(options: readonly string[]): boolean {
  return options.length > 0;
}
