import type { EndpointObservation } from '../../../src/network/endpoint-observation.js';
import { infoFacts, mtlsEndpoint } from '../../support/observation-builder.js';
import type { InvalidCase, ValidCase } from '../../support/rule-tester.js';

/** api-rootful: cases it must stay silent on, and cases it must fire on (with the message each finding uses). */

const SYSTEM = ['name=apparmor', 'name=seccomp,profile=builtin', 'name=cgroupns'];

export const valid: ValidCase<EndpointObservation>[] = [
  { name: 'rootless daemon', observation: mtlsEndpoint({ info: infoFacts({ securityOptions: ['name=seccomp,profile=builtin', 'name=rootless', 'name=cgroupns'], rootless: true }) }) },
  { name: 'no SecurityOptions listed: unknown, not rootful', observation: mtlsEndpoint({ info: infoFacts({ securityOptions: [] }) }) },
  { name: '/info not read', observation: mtlsEndpoint({ info: null }) },
];

export const invalid: InvalidCase<EndpointObservation>[] = [
  { name: 'system dockerd', observation: mtlsEndpoint({ info: infoFacts({ securityOptions: SYSTEM }) }), errors: [{ messageId: 'rootful' }] },
  { name: 'userns-remap is still a rootful daemon', observation: mtlsEndpoint({ info: infoFacts({ securityOptions: [...SYSTEM, 'name=userns'] }) }), errors: [{ messageId: 'rootful' }] },
  { name: 'an option merely mentioning rootless is not name=rootless', observation: mtlsEndpoint({ info: infoFacts({ securityOptions: ['name=seccomp,profile=/etc/rootless.json'] }) }), errors: [{ messageId: 'rootful' }] },
];
