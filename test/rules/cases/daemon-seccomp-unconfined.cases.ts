import type { ConfigObservation } from '../../../src/config/config-observation.js';
import { setting } from '../../support/config-observation-builder.js';
import { hardened, JSON_UNREADABLE, NO_DAEMON, NO_DAEMON_JSON, rootlessDaemon, STARTUP_UNKNOWN } from '../../support/hardening-observation-builder.js';
import type { InvalidCase, ValidCase } from '../../support/rule-tester.js';

/** daemon-seccomp-unconfined: cases it must stay silent on, and cases it must fire on. */

export const valid: ValidCase<ConfigObservation>[] = [
  { name: 'not set: the default profile', observation: hardened({}) },
  { name: 'a profile file', observation: hardened({ seccompProfile: [setting('/etc/docker/seccomp.json')] }) },
  { name: 'builtin', observation: hardened({ seccompProfile: [setting('builtin')] }) },
];

export const invalid: InvalidCase<ConfigObservation>[] = [
  { name: 'unconfined', observation: hardened({ seccompProfile: [setting('unconfined', 'json', 4)] }), errors: [{ messageId: 'unconfined', line: 4 }] },
];
