/**
 * Where dockerd takes its client CA from when no tlscacert is written (src/config/default-client-ca.ts),
 * read from scratch roots laid out as a host would have them, and what the two rules make of it.
 */
import t from 'tap';
import type { ConfigObservation } from '../../src/config/config-observation.js';
import { readDaemonConfigs } from '../../src/config/daemon-config.js';
import { evaluateConfig } from '../../src/rule-engine/evaluate-config.js';
import { loadRuleMetadata } from '../../src/rule-engine/rule-metadata.js';
import { daemonTlsFilesMissing } from '../../src/rules/daemon-tls-files-missing.js';
import { daemonTlsVerifyNoClientCa } from '../../src/rules/daemon-tls-verify-no-client-ca.js';
import { scratchRoot, write } from '../support/scratch-config-root.js';

const UNIT = '/etc/systemd/system/docker.service';
const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';

function unit(execStart: string, environment = ''): string {
  return `[Unit]\nDescription=Docker\n\n[Service]\n${environment}ExecStart=${execStart}\n`;
}

function judge(root: string) {
  const { daemon, otherDaemons, errors } = readDaemonConfigs(root);
  const observation: ConfigObservation = { root, daemon, otherDaemons, homes: [], environment: null, fileHints: [], errors };
  const options = { now: new Date('2026-06-01T00:00:00Z') };
  const findingsOf = (rule: typeof daemonTlsFilesMissing) => evaluateConfig(observation, [rule], loadRuleMetadata(), options).findings;
  return {
    defaultCa: daemon.tlsFiles.filter((file) => file.flagDefault),
    noClientCa: findingsOf(daemonTlsVerifyNoClientCa),
    filesMissing: findingsOf(daemonTlsFilesMissing),
  };
}

t.test('"tlsverify": true in daemon.json with a certificate and key only: the system store', async (t) => {
  const root = scratchRoot(t, null);
  write(root, UNIT, unit('/usr/bin/dockerd -H fd://'));
  write(root, '/etc/docker/daemon.json', '{\n  "hosts": ["tcp://0.0.0.0:2376"],\n  "tlsverify": true,\n  "tlscert": "/etc/docker/cert.pem",\n  "tlskey": "/etc/docker/key.pem"\n}\n');
  write(root, '/etc/docker/cert.pem', PEM);
  write(root, '/etc/docker/key.pem', 'key');
  // A ca.pem in root's ~/.docker changes nothing: without a TLS flag dockerd never looks there.
  write(root, '/root/.docker/ca.pem', PEM);
  const { defaultCa, noClientCa, filesMissing } = judge(root);
  t.same(defaultCa, [], 'no flag default applies');
  t.match(noClientCa, [{ systemPath: '/etc/docker/daemon.json', line: 3, message: /system store/ }]);
  t.same(filesMissing, []);
});

t.test('--tlsverify in ExecStart without tlscacert, and no /root/.docker/ca.pem: dockerd refuses to start', async (t) => {
  const root = scratchRoot(t, null);
  write(root, UNIT, unit('/usr/bin/dockerd -H tcp://0.0.0.0:2376 --tlsverify --tlscert=/etc/docker/cert.pem --tlskey=/etc/docker/key.pem'));
  write(root, '/etc/docker/cert.pem', PEM);
  write(root, '/etc/docker/key.pem', 'key');
  const { defaultCa, noClientCa, filesMissing } = judge(root);
  t.match(defaultCa, [{ directive: 'tlscacert', systemPath: '/root/.docker/ca.pem', problem: 'does not exist', flagDefault: true, source: { systemPath: UNIT } }]);
  t.same(noClientCa, [], 'not the system store: dockerd does not start at all');
  t.match(filesMissing, [{ message: /--tlsverify.*default client CA \/root\/\.docker\/ca\.pem, which does not exist: dockerd refuses to start/ }]);
});

t.test('--tlsverify with the default ca.pem in place: verified against it, no finding', async (t) => {
  const root = scratchRoot(t, null);
  write(root, UNIT, unit('/usr/bin/dockerd -H tcp://0.0.0.0:2376 --tlsverify --tlscert=/etc/docker/cert.pem --tlskey=/etc/docker/key.pem'));
  write(root, '/etc/docker/cert.pem', PEM);
  write(root, '/etc/docker/key.pem', 'key');
  write(root, '/root/.docker/ca.pem', PEM);
  const { defaultCa, noClientCa, filesMissing } = judge(root);
  t.match(defaultCa, [{ systemPath: '/root/.docker/ca.pem', problem: null }]);
  t.same(noClientCa, []);
  t.same(filesMissing, []);
});

t.test('DOCKER_CERT_PATH in the unit moves the default', async (t) => {
  const root = scratchRoot(t, null);
  write(root, UNIT, unit('/usr/bin/dockerd -H tcp://0.0.0.0:2376 --tlsverify', 'Environment=DOCKER_CERT_PATH=/etc/docker/certs\n'));
  const { defaultCa, filesMissing } = judge(root);
  t.match(defaultCa, [{ systemPath: '/etc/docker/certs/ca.pem', problem: 'does not exist' }]);
  t.equal(filesMissing.filter((finding) => /default client CA/.test(finding.message)).length, 1);
});

t.test('--tls flag with "tlsverify": true in daemon.json: the flag brings in the default CA', async (t) => {
  const root = scratchRoot(t, null);
  write(root, UNIT, unit('/usr/bin/dockerd -H tcp://0.0.0.0:2376 --tls'));
  write(root, '/etc/docker/daemon.json', '{ "tlsverify": true }\n');
  const { defaultCa, noClientCa } = judge(root);
  t.match(defaultCa, [{ systemPath: '/root/.docker/ca.pem', flagDefault: true }]);
  t.same(noClientCa, []);
});

t.test('tlscacert anywhere: no default, no finding', async (t) => {
  const root = scratchRoot(t, null);
  write(root, UNIT, unit('/usr/bin/dockerd -H tcp://0.0.0.0:2376 --tlsverify'));
  write(root, '/etc/docker/daemon.json', '{ "tlscacert": "/etc/docker/ca.pem" }\n');
  write(root, '/etc/docker/ca.pem', PEM);
  const { defaultCa, noClientCa } = judge(root);
  t.same(defaultCa, []);
  t.same(noClientCa, []);
});
