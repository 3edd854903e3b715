import type { EndpointObservation } from '../../../src/network/endpoint-observation.js';
import { infoFacts, mtlsEndpoint } from '../../support/observation-builder.js';
import type { InvalidCase, ValidCase } from '../../support/rule-tester.js';

/** api-userns-off: cases it must stay silent on, and cases it must fire on (with the message each finding uses). */

const SYSTEM = ['name=apparmor', 'name=seccomp,profile=builtin', 'name=cgroupns'];

export const valid: ValidCase<EndpointObservation>[] = [
  { name: 'userns-remap on', observation: mtlsEndpoint({ info: infoFacts({ securityOptions: [...SYSTEM, 'name=userns'] }) }) },
  { name: 'rootless daemon', observation: mtlsEndpoint({ info: infoFacts({ securityOptions: ['name=seccomp,profile=builtin', 'name=rootless'], rootless: true }) }) },
  { name: 'no SecurityOptions listed: unknown', observation: mtlsEndpoint({ info: infoFacts({ securityOptions: [] }) }) },
  { name: '/info not read', observation: mtlsEndpoint({ info: null }) },
];

export const invalid: InvalidCase<EndpointObservation>[] = [
  { name: 'neither userns nor rootless', observation: mtlsEndpoint({ info: infoFacts({ securityOptions: SYSTEM }) }), errors: [{ messageId: 'userns-off' }] },
  { name: 'a profile path naming userns is not name=userns', observation: mtlsEndpoint({ info: infoFacts({ securityOptions: ['name=seccomp,profile=/etc/docker/userns.json'] }) }), errors: [{ messageId: 'userns-off' }] },
];
