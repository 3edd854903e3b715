import type { ConfigObservation } from '../../../src/config/config-observation.js';
import { config, setting, source, UNIT, unixListener } from '../../support/config-observation-builder.js';
import { defaultCa } from '../../support/rule-case-helpers.js';
import type { InvalidCase, ValidCase } from '../../support/rule-tester.js';

/** daemon-tls-files-missing: cases it must stay silent on, and cases it must fire on (with the message each finding uses). */

export const valid: ValidCase<ConfigObservation>[] = [
  { name: 'all three present', observation: config() },
  { name: '--tlsverify with the default ca.pem in place', observation: config({ daemon: { tlsverify: [setting(true, 'flag', 7)], tlscacert: [], tlsFiles: [defaultCa(null)] } }) },
  {
    name: 'a stale tlscert in a daemon without TLS stops nothing',
    observation: config({ daemon: { tlsverify: [], tls: [], listeners: [unixListener()], tlsFiles: [{ directive: 'tlscert', path: '/x.pem', systemPath: '/x.pem', source: source(), problem: 'does not exist' }] } }),
  },
];

export const invalid: InvalidCase<ConfigObservation>[] = [
  {
    name: 'tlskey names a file that is not there',
    observation: config({ daemon: { tlsFiles: [{ directive: 'tlskey', path: '/etc/docker/k.pem', systemPath: '/etc/docker/k.pem', source: source(UNIT, 7, 'ExecStart'), problem: 'does not exist' }] } }),
    errors: [{ messageId: 'named-file-missing', line: 7 }],
  },
  { name: '--tlsverify with no tlscacert anywhere, default /root/.docker/ca.pem missing', observation: config({ daemon: { tlsverify: [setting(true, 'flag', 7)], tlscacert: [], tlsFiles: [defaultCa('does not exist')] } }), errors: [{ messageId: 'default-ca-missing', line: 7 }] },
];
