import type { ConfigObservation } from '../../../src/config/config-observation.js';
import { setting } from '../../support/config-observation-builder.js';
import { hardened, JSON_UNREADABLE, NO_DAEMON, NO_DAEMON_JSON, rootlessDaemon, STARTUP_UNKNOWN } from '../../support/hardening-observation-builder.js';
import type { InvalidCase, ValidCase } from '../../support/rule-tester.js';

/** daemon-userns-remap-off: cases it must stay silent on, and cases it must fire on. */

export const valid: ValidCase<ConfigObservation>[] = [
  { name: 'default remap', observation: hardened({ usernsRemap: [setting('default')] }) },
  { name: 'a named user', observation: hardened({ usernsRemap: [setting('dockremap:dockremap', 'flag', 7)] }) },
  { name: 'rootless: a user namespace already', observation: { ...hardened({}, NO_DAEMON), otherDaemons: [rootlessDaemon()] } },
  { name: 'start-up unknown', observation: hardened({}, STARTUP_UNKNOWN) },
];

export const invalid: InvalidCase<ConfigObservation>[] = [
  { name: 'not set', observation: hardened({}), errors: [{ messageId: 'userns-remap-unset' }] },
  { name: 'empty string', observation: hardened({ usernsRemap: [setting('', 'json', 4)] }), errors: [{ messageId: 'userns-remap-empty', line: 4 }] },
];
