import t from 'tap';
import { parseEnvironmentFile } from '../../src/config/environment-file.js';
import { lineAtOffset, parseUnitFile } from '../../src/config/systemd-unit-file.js';
import { parseEnvironmentAssignments } from '../../src/config/systemd-syntax.js';

t.test('unit files: sections, comments, continuations with their lines', async (t) => {
  const text = ['# comment', '[Unit]', 'Description=Docker', '', '[Service]', '; another comment', 'ExecStart=', 'ExecStart=/usr/bin/dockerd \\', '  -H fd:// \\', '# a comment inside is skipped', '  --tls', 'Environment="A=1 2" B=3'].join('\n');
  const entries = parseUnitFile(text);
  t.same(entries.map((entry) => [entry.section, entry.key, entry.value, entry.line]), [
    ['Unit', 'Description', 'Docker', 3],
    ['Service', 'ExecStart', '', 7],
    ['Service', 'ExecStart', '/usr/bin/dockerd    -H fd://    --tls', 8],
    ['Service', 'Environment', '"A=1 2" B=3', 12],
  ]);
  const execStart = entries[2]!;
  t.equal(lineAtOffset(execStart, execStart.value.indexOf('-H')), 9, 'a flag on a continuation line keeps its own line');
  t.equal(lineAtOffset(execStart, execStart.value.indexOf('--tls')), 11);
  t.equal(lineAtOffset(execStart, 0), 8);
});

t.test('Environment= assignments', async (t) => {
  t.same(parseEnvironmentAssignments('"A=1 2" B=3 junk \'C=x y\'').assignments, [
    { name: 'A', value: '1 2' },
    { name: 'B', value: '3' },
    { name: 'C', value: 'x y' },
  ]);
  t.same(parseEnvironmentAssignments('DOCKER_OPTS="-H tcp://0.0.0.0:2375 --tls"').assignments, [{ name: 'DOCKER_OPTS', value: '-H tcp://0.0.0.0:2375 --tls' }]);
});

t.test('environment and defaults files as sh and systemd read them', async (t) => {
  const text = [
    '# Docker Upstart and SysVinit configuration file',
    'DOCKER_OPTS="-H tcp://0.0.0.0:2375"',
    'export http_proxy="http://127.0.0.1:3128/"',
    "OPTIONS='--selinux-enabled' # trailing comment",
    'DOCKER_OPTS="$DOCKER_OPTS --tlsverify"',
    'MULTI="-H unix:///var/run/docker.sock',
    '  -H tcp://127.0.0.1:2376"',
    'CONT=a\\',
    'b',
    'if [ -f /x ]; then . /x; fi',
    'PLAIN=/etc/docker',
  ].join('\n');
  const { assignments, problems } = parseEnvironmentFile(text);
  t.same(problems, []);
  t.same(assignments.map((a) => [a.name, a.value, a.line]), [
    ['DOCKER_OPTS', '-H tcp://0.0.0.0:2375', 2],
    ['http_proxy', 'http://127.0.0.1:3128/', 3],
    ['OPTIONS', '--selinux-enabled', 4],
    ['DOCKER_OPTS', '-H tcp://0.0.0.0:2375 --tlsverify', 5],
    ['MULTI', '-H unix:///var/run/docker.sock\n  -H tcp://127.0.0.1:2376', 6],
    ['CONT', 'ab', 8],
    ['PLAIN', '/etc/docker', 11],
  ]);
  t.match(parseEnvironmentFile('A="open\nB=2').problems, [{ line: 1, message: /unclosed " quote/ }]);
});
