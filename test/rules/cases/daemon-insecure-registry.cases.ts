import type { ConfigObservation } from '../../../src/config/config-observation.js';
import { setting } from '../../support/config-observation-builder.js';
import { hardened, JSON_UNREADABLE, NO_DAEMON, NO_DAEMON_JSON, rootlessDaemon, STARTUP_UNKNOWN } from '../../support/hardening-observation-builder.js';
import type { InvalidCase, ValidCase } from '../../support/rule-tester.js';

/** daemon-insecure-registry: cases it must stay silent on, and cases it must fire on. */

export const valid: ValidCase<ConfigObservation>[] = [
  { name: 'none', observation: hardened({}) },
  { name: 'an empty list', observation: hardened({ insecureRegistries: [setting([])] }) },
];

export const invalid: InvalidCase<ConfigObservation>[] = [
  { name: 'two in daemon.json: two findings at the key', observation: hardened({ insecureRegistries: [setting(['registry.lan:5000', '10.0.0.0/8'], 'json', 5)] }), errors: [{ messageId: 'insecure-registry', line: 5 }, { messageId: 'insecure-registry', line: 5 }] },
  { name: 'repeated flags: one finding per flag line', observation: hardened({ insecureRegistries: [setting(['a.lan:5000'], 'flag', 7), setting(['b.lan:5000'], 'flag', 8)] }), errors: [{ messageId: 'insecure-registry', line: 7 }, { messageId: 'insecure-registry', line: 8 }] },
];
