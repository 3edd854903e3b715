/**
 * Flags that docker and nmap users type out of habit, and the dockprobe way to say the same.
 * Only consulted when commander refused an option as unknown, so a flag dockprobe itself has
 * (files --host) is never second-guessed.
 */
const FOREIGN_FLAGS: Record<string, string> = {
  '-H': "that is docker's host flag; dockprobe takes the daemon as a target: e.g. dockprobe scan tcp://host:2376",
  '--host': "that is docker's host flag; dockprobe takes the daemon as a target: e.g. dockprobe scan tcp://host:2376",
  '--tlsverify': 'dockprobe always verifies the daemon certificate; give the CA with --tlscacert FILE, or a folder holding ca.pem, cert.pem and key.pem with --cert-path DIR',
  '--tls': 'dockprobe always tries TLS (and plain HTTP) on every port; leave --tls out, and give client certificates with --tlscert/--tlskey or --cert-path DIR',
  '-iL': "that is nmap's input list; dockprobe reads one with --targets-file FILE (one target per line, # starts a comment)",
  '--exit-code': 'dockprobe sets its exit code with --fail-on SEVERITY: exit 1 when a finding is at or above it (--fail-on none: never)',
};

/** What to use instead of FLAG (as typed, "--tlsverify=1" included), or null for a flag nobody else uses. */
export function foreignFlagHint(flag: string): string | null {
  return FOREIGN_FLAGS[flag.split('=')[0]!] ?? null;
}
