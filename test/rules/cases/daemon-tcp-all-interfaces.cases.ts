import type { ConfigObservation } from '../../../src/config/config-observation.js';
import { config, tcpListener } from '../../support/config-observation-builder.js';
import type { InvalidCase, ValidCase } from '../../support/rule-tester.js';

/** daemon-tcp-all-interfaces: cases it must stay silent on, and cases it must fire on (with the message each finding uses). */

export const valid: ValidCase<ConfigObservation>[] = [
  { name: 'host omitted (tcp://:2376) is localhost to dockerd', observation: config({ daemon: { listeners: [tcpListener('tcp://:2376')] } }) },
  { name: 'one address', observation: config() },
  { name: 'loopback', observation: config({ daemon: { listeners: [tcpListener('tcp://127.0.0.1:2376')] } }) },
];

export const invalid: InvalidCase<ConfigObservation>[] = [
  { name: '0.0.0.0', observation: config({ daemon: { listeners: [tcpListener('tcp://0.0.0.0:2376', 'json', 2)] } }), errors: [{ messageId: 'all-interfaces', line: 2 }] },
  { name: '[::]', observation: config({ daemon: { listeners: [tcpListener('tcp://[::]:2376')] } }), errors: [{ messageId: 'all-interfaces' }] },
];
