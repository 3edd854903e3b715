import type { ConfigObservation } from '../../../src/config/config-observation.js';
import { config, context, home } from '../../support/config-observation-builder.js';
import type { InvalidCase, ValidCase } from '../../support/rule-tester.js';

/** client-tls-verify-disabled: cases it must stay silent on, and cases it must fire on (with the message each finding uses). */

export const valid: ValidCase<ConfigObservation>[] = [
  { name: 'verifying context', observation: config({ homes: [home({ contexts: [context()] })] }) },
  { name: 'DOCKER_TLS with DOCKER_TLS_VERIFY', observation: config({ environment: { DOCKER_HOST: 'tcp://10.0.0.5:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: null, DOCKER_TLS: '1' } }) },
];

export const invalid: InvalidCase<ConfigObservation>[] = [
  { name: 'SkipTLSVerify', observation: config({ homes: [home({ contexts: [context({ skipTlsVerify: true })] })] }), errors: [{ messageId: 'context-skips-verify' }] },
  { name: 'DOCKER_TLS without DOCKER_TLS_VERIFY', observation: config({ environment: { DOCKER_HOST: 'tcp://10.0.0.5:2376', DOCKER_TLS_VERIFY: null, DOCKER_CERT_PATH: null, DOCKER_TLS: '1' } }), errors: [{ messageId: 'environment-tls-without-verify' }] },
];
