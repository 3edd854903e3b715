/** Names for the numbers a TLS server answers with, so a report says "protocol_version (70)", not "70". */

const ALERT_NAMES: Readonly<Record<number, string>> = {
  0: 'close_notify',
  10: 'unexpected_message',
  20: 'bad_record_mac',
  22: 'record_overflow',
  40: 'handshake_failure',
  42: 'bad_certificate',
  43: 'unsupported_certificate',
  46: 'certificate_unknown',
  47: 'illegal_parameter',
  48: 'unknown_ca',
  50: 'decode_error',
  51: 'decrypt_error',
  70: 'protocol_version',
  71: 'insufficient_security',
  80: 'internal_error',
  86: 'inappropriate_fallback',
  90: 'user_canceled',
  109: 'missing_extension',
  110: 'unsupported_extension',
  112: 'unrecognized_name',
  120: 'no_application_protocol',
};

/** RFC 5246 §7.2: the alert a server sends when it will not speak the version offered. */
export const PROTOCOL_VERSION_ALERT = 70;
/** RFC 5246 §7.2: no acceptable set of security parameters, e.g. no cipher suite in common. */
export const HANDSHAKE_FAILURE_ALERT = 40;

const VERSION_NAMES: Readonly<Record<number, string>> = { 0x0300: 'SSL 3.0', 0x0301: 'TLS 1.0', 0x0302: 'TLS 1.1', 0x0303: 'TLS 1.2', 0x0304: 'TLS 1.3' };

export function alertName(description: number): string {
  return `${ALERT_NAMES[description] ?? 'alert'} (${description})`;
}

export function versionName(version: number): string {
  return VERSION_NAMES[version] ?? `version 0x${version.toString(16)}`;
}
