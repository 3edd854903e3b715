import type { EndpointObservation } from '../../../src/network/endpoint-observation.js';
import { infoFacts, mtlsEndpoint } from '../../support/observation-builder.js';
import type { InvalidCase, ValidCase } from '../../support/rule-tester.js';

/** api-seccomp-unconfined: cases it must stay silent on, and cases it must fire on (with the message each finding uses). */

export const valid: ValidCase<EndpointObservation>[] = [
  { name: 'built-in profile', observation: mtlsEndpoint({ info: infoFacts({ securityOptions: ['name=seccomp,profile=builtin'] }) }) },
  { name: 'older daemons name it default', observation: mtlsEndpoint({ info: infoFacts({ securityOptions: ['name=seccomp,profile=default'] }) }) },
  { name: 'a custom profile file', observation: mtlsEndpoint({ info: infoFacts({ securityOptions: ['name=seccomp,profile=/etc/docker/seccomp.json'] }) }) },
  { name: 'unconfined named by another option is not seccomp', observation: mtlsEndpoint({ info: infoFacts({ securityOptions: ['name=apparmor,profile=unconfined', 'name=seccomp,profile=builtin'] }) }) },
  { name: 'no seccomp entry: unknown', observation: mtlsEndpoint({ info: infoFacts({ securityOptions: ['name=apparmor'] }) }) },
  { name: '/info not read', observation: mtlsEndpoint({ info: null }) },
];

export const invalid: InvalidCase<EndpointObservation>[] = [
  { name: 'unconfined', observation: mtlsEndpoint({ info: infoFacts({ securityOptions: ['name=apparmor', 'name=seccomp,profile=unconfined'] }) }), errors: [{ messageId: 'unconfined' }] },
];
