import type { ConfigObservation } from '../../../src/config/config-observation.js';
import { config, DAEMON_JSON, source, UNIT } from '../../support/config-observation-builder.js';
import type { InvalidCase, ValidCase } from '../../support/rule-tester.js';

/** daemon-config-conflict: cases it must stay silent on, and cases it must fire on (with the message each finding uses). */

export const valid: ValidCase<ConfigObservation>[] = [
  { name: 'no conflict', observation: config() },
];

export const invalid: InvalidCase<ConfigObservation>[] = [
  { name: 'hosts in daemon.json and -H in the unit', observation: config({ daemon: { conflicts: [{ directive: 'hosts', json: source(DAEMON_JSON, 2), flag: source(UNIT, 3, 'ExecStart') }] } }), errors: [{ messageId: 'json-and-flag', line: 3 }] },
];
