import type { ConfigObservation } from '../../../src/config/config-observation.js';
import { config, setting, unixListener } from '../../support/config-observation-builder.js';
import { defaultCa } from '../../support/rule-case-helpers.js';
import type { InvalidCase, ValidCase } from '../../support/rule-tester.js';

/** daemon-tls-verify-no-client-ca: cases it must stay silent on, and cases it must fire on (with the message each finding uses). */

export const valid: ValidCase<ConfigObservation>[] = [
  { name: 'tlscacert set', observation: config() },
  { name: '--tlsverify flag: dockerd reads its default ca.pem instead', observation: config({ daemon: { tlsverify: [setting(true, 'flag', 7)], tlscacert: [], tlsFiles: [defaultCa(null)] } }) },
  { name: '--tlsverify flag whose default ca.pem is missing: dockerd refuses to start (daemon-tls-files-missing)', observation: config({ daemon: { tlsverify: [setting(true, 'flag', 7)], tlscacert: [], tlsFiles: [defaultCa('does not exist')] } }) },
  { name: 'tlsverify false is daemon-tls-no-verify', observation: config({ daemon: { tlsverify: [setting(false)], tlscacert: [], tlsFiles: [] } }) },
  { name: 'no TCP listener', observation: config({ daemon: { tlscacert: [], tlsFiles: [], listeners: [unixListener()] } }) },
  { name: '--tlsverify flag, its default not recorded: the flag default still applies, not the system store', observation: config({ daemon: { tlsverify: [setting(true, 'flag', 7)], tlscacert: [], tlsFiles: [] } }) },
  { name: 'daemon.json does not parse: its tlscacert cannot be seen', observation: config({ daemon: { tlscacert: [], tlsFiles: [], daemonJsonError: { message: 'trailing comma', line: 4, column: 1 } } }) },
];

export const invalid: InvalidCase<ConfigObservation>[] = [
  { name: '"tlsverify": true in daemon.json, no tlscacert, no TLS flag: the system store', observation: config({ daemon: { tlscacert: [], tlsFiles: [] } }), errors: [{ messageId: 'system-store', line: 3 }] },
  { name: 'tlsverify true with tls true, both in daemon.json', observation: config({ daemon: { tls: [setting(true, 'json', 2)], tlsverify: [setting(true, 'json', 5)], tlscacert: [], tlsFiles: [] } }), errors: [{ messageId: 'system-store', line: 5 }] },
];
