import type { ConfigObservation } from '../../../src/config/config-observation.js';
import { config, stat } from '../../support/config-observation-builder.js';
import type { InvalidCase, ValidCase } from '../../support/rule-tester.js';

/** daemon-socket-permissions: cases it must stay silent on, and cases it must fire on (with the message each finding uses). */

export const valid: ValidCase<ConfigObservation>[] = [
  { name: 'root:docker 0660', observation: config() },
  { name: 'root:root 0600 is stricter', observation: config({ daemon: { socket: { path: '/run/docker.sock', systemPath: '/run/docker.sock', stat: stat(0o600, 0, 0, 'other') } } }) },
  { name: 'no socket (docker not running)', observation: config({ daemon: { socket: null } }) },
];

export const invalid: InvalidCase<ConfigObservation>[] = [
  { name: 'world-writable socket', observation: config({ daemon: { socket: { path: '/run/docker.sock', systemPath: '/run/docker.sock', stat: stat(0o666, 0, 999, 'other') } } }), errors: [{ messageId: 'not-root-docker-0660' }] },
  { name: 'group is not docker', observation: config({ daemon: { socket: { path: '/run/docker.sock', systemPath: '/run/docker.sock', stat: stat(0o660, 0, 1000, 'other') } } }), errors: [{ messageId: 'not-root-docker-0660' }] },
  { name: 'owned by a user', observation: config({ daemon: { socket: { path: '/run/docker.sock', systemPath: '/run/docker.sock', stat: stat(0o660, 1000, 999, 'other') } } }), errors: [{ messageId: 'not-root-docker-0660' }] },
];
