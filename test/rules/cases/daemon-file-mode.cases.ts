import type { ConfigObservation } from '../../../src/config/config-observation.js';
import { config, daemon, stat } from '../../support/config-observation-builder.js';
import { hardenedExcept, hardenedProtectedFiles, protectedFile } from '../../support/protected-file-builder.js';
import type { InvalidCase, ValidCase } from '../../support/rule-tester.js';

/** daemon-file-mode: no permission bit beyond each CIS section 3 object's most open mode. */

const rootless = daemon({ rootless: true, protectedFiles: [protectedFile('daemon.json', stat(0o664, 1000, 1000), '/home/alice/.config/docker/daemon.json')] });

export const valid: ValidCase<ConfigObservation>[] = [
  { name: 'every object at its most open allowed mode', observation: config({ daemon: { protectedFiles: hardenedProtectedFiles() } }) },
  { name: 'stricter modes pass', observation: config({ daemon: { protectedFiles: [protectedFile('tls-ca', stat(0o400)), protectedFile('daemon.json', stat(0o600)), protectedFile('etc-docker', stat(0o700, 0, 0, 'directory')), protectedFile('docker-sock', stat(0o600, 0, 0, 'other'))] } }) },
  { name: 'a file that could not be stat\'ed is not judged (could not check)', observation: config({ daemon: { protectedFiles: [protectedFile('tls-key', null)] } }) },
  { name: 'a symbolic link is always 0777: its mode says nothing', observation: config({ daemon: { protectedFiles: [protectedFile('daemon.json', stat(0o777, 0, 0, 'symlink'))] } }) },
  { name: 'a rootless daemon\'s daemon.json is its user\'s', observation: config({ otherDaemons: [rootless] }) },
  { name: 'owner is the other rule\'s business', observation: config({ daemon: { protectedFiles: hardenedExcept('daemon.json', protectedFile('daemon.json', stat(0o644, 1000, 1000))) } }) },
];

export const invalid: InvalidCase<ConfigObservation>[] = [
  { name: 'daemon.json group-writable (3.18)', observation: config({ daemon: { protectedFiles: hardenedExcept('daemon.json', protectedFile('daemon.json', stat(0o664))) } }), errors: [{ messageId: 'too-open' }] },
  { name: 'docker.service executable: 0744 has a bit beyond 0644 (3.2)', observation: config({ daemon: { protectedFiles: hardenedExcept('docker.service', protectedFile('docker.service', stat(0o744))) } }), errors: [{ messageId: 'too-open' }] },
  { name: '/etc/docker group-writable (3.6)', observation: config({ daemon: { protectedFiles: hardenedExcept('etc-docker', protectedFile('etc-docker', stat(0o775, 0, 0, 'directory'))) } }), errors: [{ messageId: 'too-open' }] },
  { name: 'the TLS CA certificate at 0644: writable by its owner is beyond 0444 (3.10)', observation: config({ daemon: { protectedFiles: hardenedExcept('tls-ca', protectedFile('tls-ca', stat(0o644))) } }), errors: [{ messageId: 'too-open' }] },
  { name: 'the TLS key at 0600: 0400 is the most open (3.14)', observation: config({ daemon: { protectedFiles: hardenedExcept('tls-key', protectedFile('tls-key', stat(0o600))) } }), errors: [{ messageId: 'too-open' }] },
  { name: 'the Docker socket writable by others (3.16)', observation: config({ daemon: { protectedFiles: hardenedExcept('docker-sock', protectedFile('docker-sock', stat(0o666, 0, 999, 'other'))) } }), errors: [{ messageId: 'too-open' }] },
  { name: 'a setuid bit counts: /etc/sysconfig/docker at 04644 (3.21)', observation: config({ daemon: { protectedFiles: hardenedExcept('etc-sysconfig-docker', protectedFile('etc-sysconfig-docker', stat(0o4644))) } }), errors: [{ messageId: 'too-open' }] },
  {
    name: 'two registry certificates writable: one finding each (3.8)',
    observation: config({ daemon: { protectedFiles: hardenedExcept('registry-certificate', [
      protectedFile('registry-certificate', stat(0o644), '/etc/docker/certs.d/a.example/ca.crt'),
      protectedFile('registry-certificate', stat(0o444), '/etc/docker/certs.d/a.example/client.cert'),
      protectedFile('registry-certificate', stat(0o600), '/etc/docker/certs.d/a.example/client.key'),
    ]) } }),
    errors: [{ messageId: 'too-open' }, { messageId: 'too-open' }],
  },
];
