import type { ConfigObservation } from '../../../src/config/config-observation.js';
import { config, context, home } from '../../support/config-observation-builder.js';
import type { InvalidCase, ValidCase } from '../../support/rule-tester.js';

/** client-context-plaintext: cases it must stay silent on, and cases it must fire on (with the message each finding uses). */

export const valid: ValidCase<ConfigObservation>[] = [
  { name: 'tcp context with TLS', observation: config({ homes: [home({ contexts: [context()] })] }) },
  { name: 'SkipTLSVerify context: TLS, unverified (the other rule)', observation: config({ homes: [home({ contexts: [context({ tlsFolder: null, skipTlsVerify: true })] })] }) },
  { name: 'DOCKER_HOST with DOCKER_TLS', observation: config({ environment: { DOCKER_HOST: 'tcp://10.0.0.5:2376', DOCKER_TLS_VERIFY: null, DOCKER_CERT_PATH: null, DOCKER_TLS: '1' } }) },
  { name: 'ssh context', observation: config({ homes: [home({ contexts: [context({ host: 'ssh://me@prod.example', tlsFolder: null })] })] }) },
  { name: 'DOCKER_HOST with DOCKER_TLS_VERIFY', observation: config({ environment: { DOCKER_HOST: 'tcp://10.0.0.5:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/certs' } }) },
];

export const invalid: InvalidCase<ConfigObservation>[] = [
  { name: 'tcp context without a TLS folder', observation: config({ homes: [home({ contexts: [context({ tlsFolder: null })] })] }), errors: [{ messageId: 'plain-context' }] },
  { name: 'DOCKER_HOST tcp:// without DOCKER_TLS_VERIFY', observation: config({ environment: { DOCKER_HOST: 'tcp://10.0.0.5:2375', DOCKER_TLS_VERIFY: null, DOCKER_CERT_PATH: null } }), errors: [{ messageId: 'plain-environment' }] },
];
