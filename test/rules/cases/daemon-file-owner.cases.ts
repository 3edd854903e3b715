import type { ConfigObservation } from '../../../src/config/config-observation.js';
import { config, daemon, stat } from '../../support/config-observation-builder.js';
import { hardenedExcept, hardenedProtectedFiles, protectedFile } from '../../support/protected-file-builder.js';
import type { InvalidCase, ValidCase } from '../../support/rule-tester.js';

/** daemon-file-owner: each CIS section 3 object owned by root, in group root (the Docker socket: docker or root). */

const rootless = daemon({ rootless: true, protectedFiles: [protectedFile('daemon.json', stat(0o644, 1000, 1000), '/home/alice/.config/docker/daemon.json')] });

export const valid: ValidCase<ConfigObservation>[] = [
  { name: 'every object as the benchmark wants it', observation: config({ daemon: { protectedFiles: hardenedProtectedFiles() } }) },
  { name: 'the Docker socket in group root is stricter than docker', observation: config({ daemon: { protectedFiles: hardenedExcept('docker-sock', protectedFile('docker-sock', stat(0o660, 0, 0, 'other'))) } }) },
  { name: 'no objects found', observation: config({ daemon: { protectedFiles: [] } }) },
  { name: 'a file that could not be stat\'ed is not judged (could not check)', observation: config({ daemon: { protectedFiles: [protectedFile('daemon.json', null)] } }) },
  { name: 'a symbolic link is not judged by its own owner', observation: config({ daemon: { protectedFiles: [protectedFile('docker.service', stat(0o777, 1000, 1000, 'symlink'))] } }) },
  { name: 'a rootless daemon\'s daemon.json belongs to its user', observation: config({ otherDaemons: [rootless] }) },
  { name: 'mode is the other rule\'s business', observation: config({ daemon: { protectedFiles: hardenedExcept('daemon.json', protectedFile('daemon.json', stat(0o666))) } }) },
];

export const invalid: InvalidCase<ConfigObservation>[] = [
  { name: 'daemon.json owned by a user (3.17)', observation: config({ daemon: { protectedFiles: hardenedExcept('daemon.json', protectedFile('daemon.json', stat(0o644, 1000, 1000))) } }), errors: [{ messageId: 'wrong-owner' }] },
  { name: 'docker.service in group 1000 (3.1)', observation: config({ daemon: { protectedFiles: hardenedExcept('docker.service', protectedFile('docker.service', stat(0o644, 0, 1000))) } }), errors: [{ messageId: 'wrong-owner' }] },
  { name: '/etc/docker owned by a user (3.5)', observation: config({ daemon: { protectedFiles: hardenedExcept('etc-docker', protectedFile('etc-docker', stat(0o755, 1000, 0, 'directory'))) } }), errors: [{ messageId: 'wrong-owner' }] },
  { name: 'the TLS key in group docker: only the socket may be', observation: config({ daemon: { protectedFiles: hardenedExcept('tls-key', protectedFile('tls-key', stat(0o400, 0, 999))) } }), errors: [{ messageId: 'wrong-owner' }] },
  { name: 'the Docker socket in a group that is neither docker nor root (3.15)', observation: config({ daemon: { protectedFiles: hardenedExcept('docker-sock', protectedFile('docker-sock', stat(0o660, 0, 1000, 'other'))) } }), errors: [{ messageId: 'wrong-owner' }] },
  { name: 'the Docker socket in gid 999 when /etc/group has no docker group', observation: config({ daemon: { dockerGroupGid: null, protectedFiles: hardenedProtectedFiles() } }), errors: [{ messageId: 'wrong-owner' }] },
  { name: 'the containerd socket in group docker: the benchmark asks root:root (3.23)', observation: config({ daemon: { protectedFiles: hardenedExcept('containerd-sock', protectedFile('containerd-sock', stat(0o660, 0, 999, 'other'))) } }), errors: [{ messageId: 'wrong-owner' }] },
  {
    name: 'two registry certificates owned by a user: one finding each (3.7)',
    observation: config({ daemon: { protectedFiles: hardenedExcept('registry-certificate', [
      protectedFile('registry-certificate', stat(0o444, 1000, 1000), '/etc/docker/certs.d/a.example/ca.crt'),
      protectedFile('registry-certificate', stat(0o444, 0, 0), '/etc/docker/certs.d/a.example/client.cert'),
      protectedFile('registry-certificate', stat(0o400, 1000, 0), '/etc/docker/certs.d/a.example/client.key'),
    ]) } }),
    errors: [{ messageId: 'wrong-owner' }, { messageId: 'wrong-owner' }],
  },
];
