/** One line of a .dockprobeignore: which findings it hides, until when, and why. */
export interface IgnoreEntry {
  ruleId: string;
  /** Glob over the finding's place (host:port, or path); null hides the rule everywhere. */
  pattern: string | null;
  /** YYYY-MM-DD, the last day the entry applies; null for no end. */
  expires: string | null;
  reason: string;
  /** "FILE:LINE", so a report says exactly which entry hid a finding. */
  origin: string;
  /** The ignore file's folder: a relative path pattern (certs/*.pem) is read from there, as in .gitignore. */
  baseDir: string;
}
