/**
 * A CA's nameConstraints (RFC 5280 §4.2.1.10) as Go's crypto/x509 reads and applies them: DNS,
 * IP, email and URI subtrees; excluded subtrees checked before permitted ones; a name type with
 * no permitted subtree is unrestricted; a leading "." means subdomains only; labels compare
 * case-insensitively; at most 250,000 comparisons per CA. Other name types (directoryName, …)
 * Go does not apply: it marks the extension unhandled instead, which matters only when critical.
 */
import { DerError, isContext, readSingleElement, sequenceChildren, type DerElement } from '../der-reader.js';
import { formatIpAddress, GeneralNameTag } from '../extension-values.js';

export interface IpSubtree {
  address: Buffer;
  mask: Buffer;
}

export interface NameSubtrees {
  dns: string[];
  ip: IpSubtree[];
  email: string[];
  uri: string[];
}

export interface NameConstraints {
  permitted: NameSubtrees;
  excluded: NameSubtrees;
  /** A subtree of a name type Go does not apply (directoryName, otherName, …). */
  hasUnhandledNameType: boolean;
}

/** One subjectAltName entry of a type name constraints apply to, in certificate order (Go reports the first that fails). */
export type ConstrainedName = { type: 'dns' | 'email' | 'uri'; value: string } | { type: 'ip'; value: Buffer };

/** Go's bound on one CA's constraint comparisons (VerifyOptions.MaxConstraintComparisions). */
export const MAX_CONSTRAINT_COMPARISONS = 250_000;

/** Throws a DerError in Go's terms for what Go's parser refuses (a bad mask, a constraint that is no domain). */
export function decodeNameConstraints(value: Buffer): NameConstraints {
  const constraints: NameConstraints = { permitted: emptySubtrees(), excluded: emptySubtrees(), hasUnhandledNameType: false };
  let subtreeCount = 0;
  let lastField = -1;
  for (const field of sequenceChildren(readSingleElement(value), 'nameConstraints')) {
    const fieldNumber = isContext(field, 0) ? 0 : isContext(field, 1) ? 1 : -1;
    // permittedSubtrees [0] then excludedSubtrees [1], each at most once.
    if (fieldNumber <= lastField) throw new DerError('invalid NameConstraints extension');
    lastField = fieldNumber;
    const target = fieldNumber === 0 ? constraints.permitted : constraints.excluded;
    // [0]/[1] IMPLICIT GeneralSubtrees: the field's children are the GeneralSubtree SEQUENCEs.
    for (const subtree of sequenceChildrenOfImplicit(field)) {
      subtreeCount++;
      const [base] = sequenceChildren(subtree, 'GeneralSubtree');
      if (base === undefined) throw new DerError('GeneralSubtree without a base');
      if (!addSubtree(target, base)) constraints.hasUnhandledNameType = true;
    }
  }
  // RFC 5280: either the permittedSubtrees or the excludedSubtrees MUST be present; Go refuses neither.
  if (subtreeCount === 0) throw new DerError('empty name constraints extension');
  return constraints;
}

function sequenceChildrenOfImplicit(field: DerElement): DerElement[] {
  if (!field.constructed) throw new DerError('GeneralSubtrees is not constructed');
  return sequenceChildren({ ...field, tagClass: 'universal', tagNumber: 16 }, 'GeneralSubtrees');
}

function emptySubtrees(): NameSubtrees {
  return { dns: [], ip: [], email: [], uri: [] };
}

/** false for a name type Go does not apply. */
function addSubtree(target: NameSubtrees, base: DerElement): boolean {
  if (base.tagClass !== 'context') return false;
  const text = base.contents.toString('latin1');
  switch (base.tagNumber) {
    case GeneralNameTag.dNSName: {
      requireAscii(base.contents, 'DNS constraint');
      const domain = text.startsWith('.') ? text.slice(1) : text;
      if (domain !== '' && domainToReverseLabels(domain) === null) throw new DerError(`failed to parse dnsName constraint "${text}"`);
      target.dns.push(text);
      return true;
    }
    case GeneralNameTag.iPAddress: {
      const half = base.contents.length / 2;
      if (base.contents.length !== 8 && base.contents.length !== 32) throw new DerError(`IP constraint contained value of length ${base.contents.length}`);
      const mask = base.contents.subarray(half);
      if (!isContiguousMask(mask)) throw new DerError(`IP constraint contained invalid mask ${mask.toString('hex')}`);
      target.ip.push({ address: base.contents.subarray(0, half), mask });
      return true;
    }
    case GeneralNameTag.rfc822Name:
      requireAscii(base.contents, 'email constraint');
      target.email.push(text);
      return true;
    case GeneralNameTag.uniformResourceIdentifier:
      requireAscii(base.contents, 'URI constraint');
      target.uri.push(text);
      return true;
    default:
      return false;
  }
}

function requireAscii(bytes: Buffer, what: string): void {
  if (bytes.some((byte) => byte > 0x7f)) throw new DerError(`invalid ${what}: not an IA5String`);
}

/** Ones then zeros, as a network mask must be. */
function isContiguousMask(mask: Buffer): boolean {
  let seenZero = false;
  for (const byte of mask) {
    for (let bit = 7; bit >= 0; bit--) {
      const set = (byte >> bit) & 1;
      if (set && seenZero) return false;
      if (!set) seenZero = true;
    }
  }
  return true;
}

export function hasNameConstraints(constraints: NameConstraints | null): constraints is NameConstraints {
  if (constraints === null) return false;
  const { permitted, excluded } = constraints;
  return [permitted, excluded].some((subtrees) => subtrees.dns.length + subtrees.ip.length + subtrees.email.length + subtrees.uri.length > 0);
}

/** Go's domainToReverseLabels: null for an empty label, a trailing dot, or a character outside 33–126. */
export function domainToReverseLabels(domain: string): string[] | null {
  if (domain === '') return [];
  const labels = domain.split('.').reverse();
  if (labels.some((label) => label === '' || /[^\x21-\x7e]/.test(label))) return null;
  return labels;
}

/** Go's matchDomainConstraint. */
function matchDomainConstraint(domain: string, constraint: string): boolean | string {
  // The meaning of an empty constraint is not specified; Go, like NSS, lets it match everything.
  if (constraint === '') return true;
  const domainLabels = domainToReverseLabels(domain);
  if (domainLabels === null) return `cannot parse domain "${domain}"`;
  // A leading "." means at least one more label (RFC 5280 says so for URIs and email; Go also for DNS).
  const mustHaveSubdomains = constraint.startsWith('.');
  const constraintLabels = domainToReverseLabels(mustHaveSubdomains ? constraint.slice(1) : constraint);
  if (constraintLabels === null) return `cannot parse domain "${constraint}"`;
  if (domainLabels.length < constraintLabels.length || (mustHaveSubdomains && domainLabels.length === constraintLabels.length)) return false;
  return constraintLabels.every((label, index) => label.toLowerCase() === domainLabels[index]!.toLowerCase());
}

function matchIpConstraint(address: Buffer, constraint: IpSubtree): boolean {
  // A 4-byte address never matches a 16-byte range, nor the other way round, as in Go.
  if (address.length !== constraint.address.length) return false;
  return address.every((byte, index) => (byte & constraint.mask[index]!) === (constraint.address[index]! & constraint.mask[index]!));
}

/** Go's matchEmailConstraint: with an "@" an exact mailbox, else the domain part as a DNS constraint. */
function matchEmailConstraint(mailbox: string, constraint: string): boolean | string {
  const parsed = parseMailbox(mailbox);
  if (parsed === null) return `cannot parse rfc822Name "${mailbox}"`;
  const { local, domain } = parsed;
  if (constraint.includes('@')) {
    const constraintAt = constraint.lastIndexOf('@');
    return local === constraint.slice(0, constraintAt) && domain.toLowerCase() === constraint.slice(constraintAt + 1).toLowerCase();
  }
  return matchDomainConstraint(domain, constraint);
}

/**
 * A mailbox as Go's parseRFC2821Mailbox reads one, for the common forms: a dot-atom local part
 * (quoted local parts are accepted as they are) and a domain that parses.
 */
function parseMailbox(mailbox: string): { local: string; domain: string } | null {
  const at = mailbox.lastIndexOf('@');
  if (at <= 0) return null;
  const local = mailbox.slice(0, at);
  const domain = mailbox.slice(at + 1);
  const quoted = local.length >= 2 && local.startsWith('"') && local.endsWith('"');
  if (!quoted && !/^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~]+(\.[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~]+)*$/.test(local)) return null;
  if (domain === '' || domainToReverseLabels(domain) === null) return null;
  return { local, domain };
}

/** Go's matchURIConstraint: the URI's host, never an IP address, against a DNS-style constraint. */
function matchUriConstraint(uri: string, constraint: string): boolean | string {
  let host: string;
  try {
    host = new URL(uri).hostname;
  } catch {
    return `cannot parse URI "${uri}"`;
  }
  if (host === '') return `URI with empty host ("${uri}") cannot be matched against constraints`;
  if (/^\[.*\]$/.test(host) || /^[0-9.]+$/.test(host)) return `URI with IP ("${uri}") cannot be matched against constraints`;
  return matchDomainConstraint(host, constraint);
}

export interface ConstraintViolation {
  kind: 'excluded' | 'not-permitted' | 'unparseable' | 'too-many-comparisons';
  detail: string;
}

/** A counter shared across the certificates one CA is checked against, as Go's isValid shares it. */
export interface ComparisonCount {
  count: number;
}

/**
 * The first name the CA's constraints refuse, as Go's isValid finds it (certificate order,
 * excluded then permitted subtrees); null when every name passes.
 */
export function checkNamesAgainst(constraints: NameConstraints, names: readonly ConstrainedName[], comparisons: ComparisonCount): ConstraintViolation | null {
  const { permitted, excluded } = constraints;
  for (const name of names) {
    let violation: ConstraintViolation | null;
    switch (name.type) {
      case 'dns':
        if (domainToReverseLabels(name.value) === null) return { kind: 'unparseable', detail: `cannot parse dnsName "${name.value}"` };
        violation = checkName('DNS name', name.value, name.value, matchDomainConstraint, permitted.dns, excluded.dns, comparisons);
        break;
      case 'email':
        violation = checkName('email address', name.value, name.value, matchEmailConstraint, permitted.email, excluded.email, comparisons);
        break;
      case 'uri':
        violation = checkName('URI', name.value, name.value, matchUriConstraint, permitted.uri, excluded.uri, comparisons);
        break;
      case 'ip':
        violation = checkName('IP address', describeAddress(name.value), name.value, matchIpConstraint, permitted.ip, excluded.ip, comparisons);
        break;
    }
    if (violation !== null) return violation;
  }
  return null;
}

/** Go's checkNameConstraints for one name. A matcher returns a string when it cannot decide (Go's error). */
function checkName<Name, Constraint>(
  nameType: string,
  shown: string,
  name: Name,
  match: (name: Name, constraint: Constraint) => boolean | string,
  permitted: readonly Constraint[],
  excluded: readonly Constraint[],
  comparisons: ComparisonCount,
): ConstraintViolation | null {
  comparisons.count += excluded.length;
  if (comparisons.count > MAX_CONSTRAINT_COMPARISONS) return tooManyComparisons();
  for (const constraint of excluded) {
    const matched = match(name, constraint);
    if (typeof matched === 'string') return { kind: 'unparseable', detail: matched };
    if (matched) return { kind: 'excluded', detail: `${nameType} "${shown}" is excluded by constraint "${describeConstraint(constraint)}"` };
  }
  comparisons.count += permitted.length;
  if (comparisons.count > MAX_CONSTRAINT_COMPARISONS) return tooManyComparisons();
  // No permitted subtree of this type: the type is unrestricted.
  if (permitted.length === 0) return null;
  for (const constraint of permitted) {
    const matched = match(name, constraint);
    if (typeof matched === 'string') return { kind: 'unparseable', detail: matched };
    if (matched) return null;
  }
  return { kind: 'not-permitted', detail: `${nameType} "${shown}" is not permitted by any constraint` };
}

function tooManyComparisons(): ConstraintViolation {
  return { kind: 'too-many-comparisons', detail: `more than ${MAX_CONSTRAINT_COMPARISONS} name constraint comparisons` };
}

function describeConstraint(constraint: unknown): string {
  if (typeof constraint === 'string') return constraint;
  const { address, mask } = constraint as IpSubtree;
  const prefix = [...mask].reduce((bits, byte) => bits + byte.toString(2).replace(/0/g, '').length, 0);
  return `${describeAddress(address)}/${prefix}`;
}

/** Canonical text (RFC 5952 for IPv6), as the facts give SAN addresses; hex for a length no address has. */
function describeAddress(address: Buffer): string {
  return formatIpAddress(address) ?? address.toString('hex');
}
