import type { ConfigObservation } from '../../../src/config/config-observation.js';
import { setting } from '../../support/config-observation-builder.js';
import { hardened, JSON_UNREADABLE, NO_DAEMON, NO_DAEMON_JSON, rootlessDaemon, STARTUP_UNKNOWN } from '../../support/hardening-observation-builder.js';
import type { InvalidCase, ValidCase } from '../../support/rule-tester.js';

/** daemon-rootful: cases it must stay silent on, and cases it must fire on. */

export const valid: ValidCase<ConfigObservation>[] = [
  { name: 'no dockerd here', observation: hardened({}, NO_DAEMON) },
  { name: 'start-up unknown: who runs it is not known', observation: hardened({}, STARTUP_UNKNOWN) },
  { name: 'the only daemon is rootless', observation: { ...hardened({}, NO_DAEMON), otherDaemons: [rootlessDaemon()] } },
];

export const invalid: InvalidCase<ConfigObservation>[] = [
  { name: 'systemd starts the root daemon', observation: hardened({}), errors: [{ messageId: 'rootful' }] },
  { name: 'a root daemon and a rootless one: only the root one', observation: { ...hardened({}), otherDaemons: [rootlessDaemon()] }, errors: [{ messageId: 'rootful' }] },
];
