import type { ConfigObservation } from '../../../src/config/config-observation.js';
import { config, setting, tcpListener, unixListener } from '../../support/config-observation-builder.js';
import type { InvalidCase, ValidCase } from '../../support/rule-tester.js';

/** daemon-tcp-no-tls: cases it must stay silent on, and cases it must fire on (with the message each finding uses). */

export const valid: ValidCase<ConfigObservation>[] = [
  { name: 'tlsverify false turns TLS on (without verification): not this rule', observation: config({ daemon: { tlsverify: [setting(false)], listeners: [tcpListener()] } }) },
  { name: 'mutual TLS', observation: config() },
  { name: 'unix socket only', observation: config({ daemon: { tlsverify: [], listeners: [unixListener()] } }) },
];

export const invalid: InvalidCase<ConfigObservation>[] = [
  { name: 'hosts has tcp:// and no TLS at all', observation: config({ daemon: { tls: [], tlsverify: [], tlscacert: [], tlscert: [], tlskey: [], listeners: [unixListener(), tcpListener('tcp://0.0.0.0:2375', 'json', 2)] } }), errors: [{ messageId: 'tcp-without-tls', line: 2 }] },
  { name: '-H tcp:// in the unit, TLS nowhere', observation: config({ daemon: { tlsverify: [], tlscacert: [], listeners: [tcpListener('tcp://127.0.0.1:2375', 'flag', 7)] } }), errors: [{ messageId: 'tcp-without-tls', line: 7 }] },
];
