// Preload (node --require bench/tools/count-crypto.cjs …) that counts the node:crypto and node:tls
// calls a run makes: certificate parses, key parses, key exports, signature checks, TLS contexts
// built, peer-certificate reads. Printed on exit to
// stderr as one line: BENCH_CRYPTO_COUNTS {json}. ESM importers see the wrapped functions
// because syncBuiltinESMExports() updates the named exports of node:crypto.
'use strict';
const crypto = require('node:crypto');
const tls = require('node:tls');
const { syncBuiltinESMExports } = require('node:module');

const counts = { X509Certificate: 0, 'X509Certificate.verify': 0, 'X509Certificate.checkPrivateKey': 0, createPrivateKey: 0, createPublicKey: 0, 'KeyObject.export': 0, 'tls.createSecureContext': 0, 'TLSSocket.getPeerCertificate': 0 };

const OriginalX509 = crypto.X509Certificate;
class CountingX509Certificate extends OriginalX509 {
  constructor(...args) {
    super(...args);
    counts.X509Certificate++;
  }
}
for (const method of ['verify', 'checkPrivateKey']) {
  const original = OriginalX509.prototype[method];
  OriginalX509.prototype[method] = function (...args) {
    counts[`X509Certificate.${method}`]++;
    return original.apply(this, args);
  };
}
crypto.X509Certificate = CountingX509Certificate;
for (const name of ['createPrivateKey', 'createPublicKey']) {
  const original = crypto[name];
  crypto[name] = function (...args) {
    counts[name]++;
    return original.apply(this, args);
  };
}
// Public and private key objects override export() in their own classes: wrap each of those.
const { publicKey, privateKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
for (const prototype of new Set([Object.getPrototypeOf(publicKey), Object.getPrototypeOf(privateKey), crypto.KeyObject.prototype])) {
  if (!Object.prototype.hasOwnProperty.call(prototype, 'export')) continue;
  const original = prototype.export;
  prototype.export = function (...args) {
    counts['KeyObject.export']++;
    return original.apply(this, args);
  };
}
const originalContext = tls.createSecureContext;
tls.createSecureContext = function (...args) {
  counts['tls.createSecureContext']++;
  return originalContext.apply(this, args);
};
const originalPeer = tls.TLSSocket.prototype.getPeerCertificate;
tls.TLSSocket.prototype.getPeerCertificate = function (...args) {
  counts['TLSSocket.getPeerCertificate']++;
  return originalPeer.apply(this, args);
};
syncBuiltinESMExports();
process.on('exit', () => process.stderr.write(`BENCH_CRYPTO_COUNTS ${JSON.stringify(counts)}\n`));
