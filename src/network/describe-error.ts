/**
 * OpenSSL errors arrive as "8010...:error:0A000412:SSL routines:ssl3_read_bytes:sslv3 alert
 * bad certificate:../deps/...:1601:SSL alert number 42". Readers want the code and the
 * reason, not the source path.
 */
export function describeNetworkError(error: NodeJS.ErrnoException): string {
  const code = error.code ?? 'ERROR';
  const message = error.message.trim();
  const openssl = message.match(/:error:[0-9A-F]+:[^:]*:[^:]*:([^:]+)/);
  return `${code}: ${openssl ? openssl[1]!.trim() : message}`;
}
