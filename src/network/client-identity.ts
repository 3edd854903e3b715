/**
 * The TLS material dockprobe presents: the user's own (to see what a legitimate client sees)
 * and a throwaway one (to see what a stranger gets).
 */
export interface ClientIdentity {
  /** PEM text; kept in memory only and never written into a report. */
  certPem: string;
  keyPem: string;
  /** Where it came from, for messages: "--tlscert /x/cert.pem". */
  origin: string;
}

export interface ScanCredentials {
  /** CA bundle to verify servers against; absent means the system trust store. */
  caPem: string | null;
  caOrigin: string | null;
  user: ClientIdentity | null;
  /** Material found (not named) that could not be used, e.g. a lone ~/.docker/cert.pem: said, then skipped. */
  warnings: string[];
}
