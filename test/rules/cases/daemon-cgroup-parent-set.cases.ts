import type { ConfigObservation } from '../../../src/config/config-observation.js';
import { setting } from '../../support/config-observation-builder.js';
import { hardened, JSON_UNREADABLE, NO_DAEMON, NO_DAEMON_JSON, rootlessDaemon, STARTUP_UNKNOWN } from '../../support/hardening-observation-builder.js';
import type { InvalidCase, ValidCase } from '../../support/rule-tester.js';

/** daemon-cgroup-parent-set: cases it must stay silent on, and cases it must fire on. */

export const valid: ValidCase<ConfigObservation>[] = [
  { name: 'not set', observation: hardened({}) },
  { name: 'empty string: the default', observation: hardened({ cgroupParent: [setting('')] }) },
];

export const invalid: InvalidCase<ConfigObservation>[] = [
  { name: 'set', observation: hardened({ cgroupParent: [setting('/docker-limited', 'json', 5)] }), errors: [{ messageId: 'cgroup-parent', line: 5 }] },
];
