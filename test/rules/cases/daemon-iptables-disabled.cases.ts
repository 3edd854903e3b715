import type { ConfigObservation } from '../../../src/config/config-observation.js';
import { setting } from '../../support/config-observation-builder.js';
import { hardened, JSON_UNREADABLE, NO_DAEMON, NO_DAEMON_JSON, rootlessDaemon, STARTUP_UNKNOWN } from '../../support/hardening-observation-builder.js';
import type { InvalidCase, ValidCase } from '../../support/rule-tester.js';

/** daemon-iptables-disabled: cases it must stay silent on, and cases it must fire on. */

export const valid: ValidCase<ConfigObservation>[] = [
  { name: 'not set: true', observation: hardened({}) },
  { name: 'true', observation: hardened({ iptables: [setting(true)] }) },
  { name: 'no dockerd', observation: hardened({}, NO_DAEMON) },
];

export const invalid: InvalidCase<ConfigObservation>[] = [
  { name: 'false in daemon.json', observation: hardened({ iptables: [setting(false, 'json', 4)] }), errors: [{ messageId: 'iptables-off', line: 4 }] },
  { name: '--iptables=false', observation: hardened({ iptables: [setting(false, 'flag', 9)] }), errors: [{ messageId: 'iptables-off', line: 9 }] },
  { name: 'seen even where the rest could not be read', observation: hardened({ iptables: [setting(false, 'flag', 9)] }, JSON_UNREADABLE), errors: [{ messageId: 'iptables-off', line: 9 }] },
];
