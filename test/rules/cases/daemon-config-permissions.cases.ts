import type { ConfigObservation } from '../../../src/config/config-observation.js';
import { config, configFile, DAEMON_JSON, stat, UNIT } from '../../support/config-observation-builder.js';
import type { InvalidCase, ValidCase } from '../../support/rule-tester.js';

/** daemon-config-permissions: cases it must stay silent on, and cases it must fire on (with the message each finding uses). */

export const valid: ValidCase<ConfigObservation>[] = [
  { name: 'root 0644', observation: config() },
  { name: 'root 0600 is stricter', observation: config({ daemon: { files: [configFile(DAEMON_JSON, 'daemon-json', stat(0o600))] } }) },
];

export const invalid: InvalidCase<ConfigObservation>[] = [
  { name: 'daemon.json world-writable', observation: config({ daemon: { files: [configFile(DAEMON_JSON, 'daemon-json', stat(0o666))] } }), errors: [{ messageId: 'not-root-or-too-open' }] },
  { name: 'unit owned by a user', observation: config({ daemon: { files: [configFile(UNIT, 'systemd-drop-in', stat(0o644, 1000, 1000))] } }), errors: [{ messageId: 'not-root-or-too-open' }] },
  { name: 'executable bit (0755) is more than 0644', observation: config({ daemon: { files: [configFile('/etc/default/docker', 'docker-default', stat(0o755))] } }), errors: [{ messageId: 'not-root-or-too-open' }] },
];
