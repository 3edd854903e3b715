/**
 * What a reader of daemon-file-owner and daemon-file-mode findings relies on: the file at the
 * file (no line), the object the compliance controls filter on, and a command that works as
 * pasted. Run as --compliance runs them (benchmark checks).
 */
import t from 'tap';
import { evaluateConfig } from '../../src/rule-engine/evaluate-config.js';
import { loadRuleMetadata } from '../../src/rule-engine/rule-metadata.js';
import { CONFIG_RULES } from '../../src/rules/config-rules.js';
import { config, stat } from '../support/config-observation-builder.js';
import { hardenedExcept, protectedFile } from '../support/protected-file-builder.js';

const metadata = loadRuleMetadata();
const rules = CONFIG_RULES.filter((rule) => rule.id === 'daemon-file-owner' || rule.id === 'daemon-file-mode');
const run = (observation: ReturnType<typeof config>) => evaluateConfig(observation, rules, metadata, { now: new Date('2026-06-01T00:00:00Z'), benchmark: true });

t.test('a registry key owned by a user and readable by all: two findings at the file, each naming its object and the fix', async (t) => {
  const key = protectedFile('registry-certificate', stat(0o644, 1000, 1000), '/etc/docker/certs.d/registry.example:5000/client.key');
  const { findings, errors } = run(config({ daemon: { protectedFiles: hardenedExcept('registry-certificate', key) } }));
  t.same(errors, []);
  t.match(findings, [
    { ruleId: 'daemon-file-mode', severity: 'medium', path: '/etc/docker/certs.d/registry.example:5000/client.key', evidence: { object: 'registry-certificate', mode: '0644', maxMode: '0444', extraBits: '0200' } },
    { ruleId: 'daemon-file-owner', severity: 'medium', path: '/etc/docker/certs.d/registry.example:5000/client.key', evidence: { object: 'registry-certificate', uid: 1000, gid: 1000, expectedOwner: 'root:root' } },
  ]);
  t.ok(findings.every((finding) => finding.line === undefined), 'at the file, not a line');
  t.match(findings[0]!.message, /is at mode 0644, more open than 0444 .*Run `chmod 0444 \/etc\/docker\/certs\.d\/registry\.example:5000\/client\.key`\./);
  t.match(findings[1]!.message, /is owned by 1000:1000 \(uid:gid\), not root:root.*run `chown root:root \/etc\/docker\/certs\.d\/registry\.example:5000\/client\.key`\./);
});

t.test('the Docker socket: group docker named by its gid; without a docker group the fix is root:root', async (t) => {
  const socket = protectedFile('docker-sock', stat(0o660, 0, 1000, 'other'));
  const withGroup = run(config({ daemon: { protectedFiles: [socket] } })).findings;
  t.match(withGroup, [{ ruleId: 'daemon-file-owner', evidence: { object: 'docker-sock', dockerGroupGid: 999, expectedOwner: 'root:docker' } }]);
  t.match(withGroup[0]!.message, /the group docker \(gid 999\) or root: run `chown root:docker \/var\/run\/docker\.sock`/);
  const withoutGroup = run(config({ daemon: { dockerGroupGid: null, protectedFiles: [socket] } })).findings;
  t.match(withoutGroup[0]!.message, /run `chown root:root \/var\/run\/docker\.sock`/, 'chown root:docker would fail where there is no docker group');
});

t.test('a path with a space is quoted in the command', async (t) => {
  const odd = protectedFile('tls-key', stat(0o640), '/etc/docker/my certs/key.pem');
  const { findings } = run(config({ daemon: { protectedFiles: [odd] } }));
  t.match(findings[0]!.message, /Run `chmod 0400 '\/etc\/docker\/my certs\/key\.pem'`/);
});
