import type { ConfigObservation } from '../../../src/config/config-observation.js';
import { config, setting, unixListener } from '../../support/config-observation-builder.js';
import type { InvalidCase, ValidCase } from '../../support/rule-tester.js';

/** daemon-tls-no-verify: cases it must stay silent on, and cases it must fire on (with the message each finding uses). */

export const valid: ValidCase<ConfigObservation>[] = [
  { name: 'tlsverify true', observation: config() },
  { name: '--tls with a CA: dockerd 20.10 verifies clients', observation: config({ daemon: { tls: [setting(true)], tlsverify: [] } }) },
  { name: 'verify off but no TCP listener', observation: config({ daemon: { tls: [setting(true)], tlsverify: [setting(false)], listeners: [unixListener()] } }) },
];

export const invalid: InvalidCase<ConfigObservation>[] = [
  { name: 'tls true, tlsverify false', observation: config({ daemon: { tls: [setting(true, 'json', 3)], tlsverify: [setting(false, 'json', 4)] } }), errors: [{ messageId: 'tlsverify-false', line: 4 }] },
  { name: '--tls with no CA to verify against', observation: config({ daemon: { tls: [setting(true, 'flag', 9)], tlsverify: [], tlscacert: [] } }), errors: [{ messageId: 'tls-without-ca', line: 9 }] },
  { name: '--tlsverify=false flag beats daemon.json', observation: config({ daemon: { tls: [setting(true)], tlsverify: [setting(false, 'flag', 8)] } }), errors: [{ messageId: 'tlsverify-false', line: 8 }] },
  { name: 'tlsverify false alone: TLS on, nobody verified', observation: config({ daemon: { tlsverify: [setting(false, 'json', 4)] } }), errors: [{ messageId: 'tlsverify-false', line: 4 }] },
];
