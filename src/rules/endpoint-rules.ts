import { apiAufsStorage } from './api-aufs-storage.js';
import { apiDebugLogging } from './api-debug-logging.js';
import { apiEngineEol } from './api-engine-eol.js';
import { apiExperimental } from './api-experimental.js';
import { apiIccEnabled } from './api-icc-enabled.js';
import { apiInsecureRegistry } from './api-insecure-registry.js';
import { apiLiveRestoreOff } from './api-live-restore-off.js';
import { apiLocalLogging } from './api-local-logging.js';
import { apiNoAuthzPlugin } from './api-no-authz-plugin.js';
import { apiPortMismatch } from './api-port-mismatch.js';
import { apiRootful } from './api-rootful.js';
import { apiSeccompUnconfined } from './api-seccomp-unconfined.js';
import { apiTlsClientCaSystemStore } from './api-tls-client-ca-system-store.js';
import { apiTlsNoClientVerify } from './api-tls-no-client-verify.js';
import { apiTlsUntrustedClientAccepted } from './api-tls-untrusted-client-accepted.js';
import { apiUnauthenticated } from './api-unauthenticated.js';
import { apiUsernsOff } from './api-userns-off.js';
import type { EndpointRule } from './rule.js';
import { tlsCertExpired } from './certificate-expired.js';
import { tlsCertExpiring } from './certificate-expiring.js';
import { tlsCertHostnameMismatch } from './tls-cert-hostname-mismatch.js';
import { tlsCertIsCa } from './certificate-is-ca.js';
import { tlsCertLongValidity } from './certificate-long-validity.js';
import { tlsCertMalformedExtension } from './certificate-malformed-extension.js';
import { tlsCertNoServerAuthEku } from './tls-cert-no-server-auth-eku.js';
import { tlsCertNotYetValid } from './certificate-not-yet-valid.js';
import { tlsCertRefusedByGo } from './certificate-refused-by-go.js';
import { tlsCertUntrusted } from './tls-cert-untrusted.js';
import { tlsLegacyProtocol } from './tls-legacy-protocol.js';
import { tlsWeakKey } from './certificate-weak-key.js';
import { tlsWeakSignature } from './certificate-weak-signature.js';

/**
 * Every endpoint rule, listed by hand in id order so a rule cannot go missing by accident.
 * Ids are public (users name them in suppressions): never renumber or reuse one; a retired
 * id stays here as a comment.
 */
export const ENDPOINT_RULES: readonly EndpointRule[] = [
  apiAufsStorage,
  apiDebugLogging,
  apiEngineEol,
  apiExperimental,
  apiIccEnabled,
  apiInsecureRegistry,
  apiLiveRestoreOff,
  apiLocalLogging,
  apiNoAuthzPlugin,
  apiPortMismatch,
  apiRootful,
  apiSeccompUnconfined,
  apiTlsClientCaSystemStore,
  apiTlsNoClientVerify,
  apiTlsUntrustedClientAccepted,
  apiUnauthenticated,
  apiUsernsOff,
  tlsCertExpired,
  tlsCertExpiring,
  tlsCertHostnameMismatch,
  tlsCertIsCa,
  tlsCertLongValidity,
  tlsCertMalformedExtension,
  tlsCertNoServerAuthEku,
  tlsCertNotYetValid,
  tlsCertRefusedByGo,
  tlsCertUntrusted,
  tlsLegacyProtocol,
  tlsWeakKey,
  tlsWeakSignature,
];
