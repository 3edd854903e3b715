import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { readMachineIdentity } from '../../src/machine/read-machine-identity.js';
import { findingFingerprint } from '../../src/report/finding-fingerprint.js';
import { scratchRoot, write } from '../support/scratch-config-root.js';

/** Which machine a local audit describes: the image's own names under --root, never the scanning host's. */

const ID_A = '0123456789abcdef0123456789abcdef';
const ID_B = 'fedcba9876543210fedcba9876543210';

t.test('under --root: the image\'s /etc/hostname and /etc/machine-id', async (t) => {
  const root = scratchRoot(t, null);
  write(root, '/etc/hostname', '# set by cloud-init\n\nweb-01\n');
  write(root, '/etc/machine-id', `${ID_A}\n`);
  t.same(readMachineIdentity(root), { key: `web-01/${ID_A}`, label: 'web-01', hostname: 'web-01', machineId: ID_A, source: 'system' });
  t.not(readMachineIdentity(root).hostname, hostname(), 'the scanning host\'s name is never used for an image');
});

t.test('one half missing: the other alone; neither: the root path, so two images still differ', async (t) => {
  const onlyName = scratchRoot(t, null);
  write(onlyName, '/etc/hostname', 'db-7\n');
  write(onlyName, '/etc/machine-id', 'uninitialized\n');
  t.same(readMachineIdentity(onlyName), { key: 'db-7', label: 'db-7', hostname: 'db-7', machineId: null, source: 'system' }, 'an uninitialized machine-id is none');

  const onlyId = scratchRoot(t, null);
  write(onlyId, '/var/lib/dbus/machine-id', `${ID_B}\n`);
  t.same(readMachineIdentity(onlyId), { key: `machine-id:${ID_B}`, label: `machine-id:${ID_B}`, hostname: null, machineId: ID_B, source: 'system' }, 'the D-Bus copy of the machine-id counts');

  const nothing = scratchRoot(t, null);
  write(nothing, '/etc/hostname', '<script>\n');
  const identity = readMachineIdentity(nothing);
  t.equal(identity.key, `root:${nothing}`, 'a hostname that is no hostname is not taken');
  t.equal(identity.source, 'root-path');
});

t.test('--host-label names the machine, and the system names are still recorded', async (t) => {
  const root = scratchRoot(t, null);
  write(root, '/etc/hostname', 'ip-10-0-3-7\n');
  write(root, '/etc/machine-id', `${ID_A}\n`);
  t.same(readMachineIdentity(root, 'payments-build-3'), { key: 'payments-build-3', label: 'payments-build-3', hostname: 'ip-10-0-3-7', machineId: ID_A, source: 'host-label' });
});

t.test('the live system: the kernel\'s hostname', async (t) => {
  const live = readMachineIdentity('/');
  if (live.hostname !== null) t.equal(live.hostname, hostname());
  t.not(live.source, 'root-path', 'the live system always has a name');
});

t.test('fingerprints: the same file on two machines is two findings; one machine audited twice is one', async (t) => {
  const finding = { ruleId: 'daemon-tcp-no-tls', path: '/etc/docker/daemon.json', evidence: { address: 'tcp://0.0.0.0:2375' } };
  const onA = findingFingerprint({ ...finding, machine: `web-01/${ID_A}` });
  const onB = findingFingerprint({ ...finding, machine: `web-02/${ID_B}` });
  t.not(onA, onB);
  t.equal(findingFingerprint({ ...finding, machine: `web-01/${ID_A}` }), onA);
  t.not(findingFingerprint(finding), onA, 'a finding that names no machine (before 1.7.0) keeps its old fingerprint');

  const endpoint = { ruleId: 'api-unauthenticated', target: '10.0.0.5:2375', evidence: {} };
  t.equal(findingFingerprint({ ...endpoint, machine: 'web-01' }), findingFingerprint(endpoint), 'an endpoint is its target, wherever it was seen from');
  const loopback = { ruleId: 'api-unauthenticated', target: '127.0.0.1:2375', evidence: {} };
  t.not(findingFingerprint({ ...loopback, machine: 'web-01' }), findingFingerprint({ ...loopback, machine: 'web-02' }), 'but each machine\'s loopback is its own daemon');
});

t.test('hostile images: a link out of the root, a FIFO, binary junk', async (t) => {
  const root = scratchRoot(t, null);
  mkdirSync(join(root, 'etc'), { recursive: true });
  // An absolute link is resolved inside the image: the scanning host's /etc/hostname is never read.
  symlinkSync('/etc/hostname', join(root, 'etc/hostname'));
  write(root, '/etc/machine-id', Buffer.from([0xff, 0xfe, 0x00, 0x41]));
  // A FIFO nobody writes to would hang a plain read for ever.
  mkdirSync(join(root, 'var/lib/dbus'), { recursive: true });
  execFileSync('mkfifo', [join(root, 'var/lib/dbus/machine-id')]);
  const identity = readMachineIdentity(root);
  t.same([identity.hostname, identity.machineId, identity.source], [null, null, 'root-path']);
});
