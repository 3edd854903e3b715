import type { EndpointObservation } from '../../../src/network/endpoint-observation.js';
import { infoFacts, mtlsEndpoint } from '../../support/observation-builder.js';
import type { InvalidCase, ValidCase } from '../../support/rule-tester.js';

/** api-local-logging: cases it must stay silent on, and cases it must fire on (with the message each finding uses). */

export const valid: ValidCase<EndpointObservation>[] = [
  { name: 'syslog', observation: mtlsEndpoint({ info: infoFacts({ loggingDriver: 'syslog' }) }) },
  { name: 'fluentd', observation: mtlsEndpoint({ info: infoFacts({ loggingDriver: 'fluentd' }) }) },
  { name: 'journald, with localDrivers leaving it out', observation: mtlsEndpoint({ info: infoFacts({ loggingDriver: 'journald' }) }), params: { localDrivers: 'json-file,local,none' } },
  { name: 'LoggingDriver not sent', observation: mtlsEndpoint({ info: infoFacts({ loggingDriver: null }) }) },
  { name: '/info not read', observation: mtlsEndpoint({ info: null }) },
];

export const invalid: InvalidCase<EndpointObservation>[] = [
  { name: 'json-file (the default)', observation: mtlsEndpoint({ info: infoFacts({ loggingDriver: 'json-file' }) }), errors: [{ messageId: 'local-driver' }] },
  { name: 'local', observation: mtlsEndpoint({ info: infoFacts({ loggingDriver: 'local' }) }), errors: [{ messageId: 'local-driver' }] },
  { name: 'none', observation: mtlsEndpoint({ info: infoFacts({ loggingDriver: 'none' }) }), errors: [{ messageId: 'local-driver' }] },
  { name: 'journald by default', observation: mtlsEndpoint({ info: infoFacts({ loggingDriver: 'journald' }) }), errors: [{ messageId: 'local-driver' }] },
  { name: 'syslog, when the user lists it as local', observation: mtlsEndpoint({ info: infoFacts({ loggingDriver: 'syslog' }) }), params: { localDrivers: 'json-file, syslog' }, errors: [{ messageId: 'local-driver' }] },
];
