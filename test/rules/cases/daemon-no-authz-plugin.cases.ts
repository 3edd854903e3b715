import type { ConfigObservation } from '../../../src/config/config-observation.js';
import { setting } from '../../support/config-observation-builder.js';
import { hardened, JSON_UNREADABLE, NO_DAEMON, NO_DAEMON_JSON, rootlessDaemon, STARTUP_UNKNOWN } from '../../support/hardening-observation-builder.js';
import type { InvalidCase, ValidCase } from '../../support/rule-tester.js';

/** daemon-no-authz-plugin: cases it must stay silent on, and cases it must fire on. */

export const valid: ValidCase<ConfigObservation>[] = [
  { name: 'a plugin in daemon.json', observation: hardened({ authorizationPlugins: [setting(['opa-docker-authz'])] }) },
  { name: 'a plugin by flag', observation: hardened({ authorizationPlugins: [setting(['authz-broker'], 'flag', 7)] }) },
  { name: 'unreadable: no finding', observation: hardened({}, STARTUP_UNKNOWN) },
];

export const invalid: InvalidCase<ConfigObservation>[] = [
  { name: 'none', observation: hardened({}), errors: [{ messageId: 'authz-unset' }] },
  { name: 'an empty list, at its line', observation: hardened({ authorizationPlugins: [setting([], 'json', 6)] }), errors: [{ messageId: 'authz-empty', line: 6 }] },
];
