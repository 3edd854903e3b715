/**
 * Hostile config input (issue 6): daemon.json that is huge, deeply nested, not UTF-8 or has
 * duplicate keys; unit files with odd quoting and continuations; FIFOs where config files
 * belong; directories the scanner may not read. Each case asserts what the user sees: the
 * settings read, the error entry and its message, never just "it did not crash".
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t, { type Test } from 'tap';
import { collectConfig } from '../../src/config/collect-config.js';
import { parseDaemonJson } from '../../src/config/daemon-json.js';
import { readDockerService } from '../../src/config/docker-service.js';
import { parseExecCommands } from '../../src/config/systemd-syntax.js';
import { readUnitFile } from '../../src/config/systemd-unit-file.js';
import { MAX_JSON_DEPTH } from '../../src/config/json-positions.js';
import { CONFIG_SIZE_LIMIT } from '../../src/filesystem/config-text.js';
import type { ScanReport } from '../../src/report/scan-report.js';
import { assertValidReport } from '../helpers/report-validation.js';
import { runCli, runCliAsNobody } from '../helpers/run-cli.js';
import { scratchRoot, write } from '../support/scratch-config-root.js';

const location = { path: '/r/etc/docker/daemon.json', systemPath: '/etc/docker/daemon.json' };

/** A root with only a unit (one listener on 127.0.0.1) and the given daemon.json. */
function rootWithDaemonJson(t: Test, content: string | Buffer | null): string {
  const root = scratchRoot(t, null);
  write(root, '/lib/systemd/system/docker.service', '[Service]\nExecStart=/usr/bin/dockerd -H unix:///var/run/docker.sock\n');
  if (content !== null) write(root, '/etc/docker/daemon.json', content);
  return root;
}

const jsonReport = (stdout: string) => JSON.parse(stdout) as ScanReport;

t.test('daemon.json of 50 MB: an error entry naming the file and the 1 MiB cap, nothing read, the rest audited', async (t) => {
  const root = rootWithDaemonJson(t, null);
  mkdirSync(join(root, 'etc/docker'), { recursive: true });
  // Sparse: 50 MB long, no disk used. Reading it would take the time and memory the cap saves.
  execFileSync('truncate', ['-s', '50M', join(root, 'etc/docker/daemon.json')]);
  const started = Date.now();
  const observation = collectConfig({ root, env: {} });
  t.ok(Date.now() - started < 2000, 'refused by size, not read');
  t.same(observation.errors, [
    {
      path: join(root, 'etc/docker/daemon.json'),
      message: `daemon.json cannot be read: too large (52428800 bytes; the limit is ${CONFIG_SIZE_LIMIT} bytes, 1 MiB); none of its settings were checked`,
    },
  ]);
  t.equal(observation.daemon.daemonJsonError, null, 'not judged invalid JSON: it was not looked at');
  t.match(observation.daemon.files, [{ kind: 'systemd-unit' }, { kind: 'daemon-json', readError: /^too large/, stat: { size: 52428800 } }]);
  t.same(observation.daemon.listeners.map((listener) => listener.address), ['unix:///var/run/docker.sock'], "the unit's flags are still read");

  const run = await runCli(['config', '--root', root, '-f', 'json'], { timeoutMs: 60_000 });
  t.equal(run.stderr, '', 'no stack trace');
  const report = jsonReport(run.stdout);
  t.match(report.errors, [{ kind: 'config', path: join(root, 'etc/docker/daemon.json'), message: /daemon\.json: daemon\.json cannot be read: too large \(52428800 bytes; the limit is 1048576 bytes, 1 MiB\)/ }]);
  t.equal(report.errors.length, 1);
  t.equal(run.status, 4, 'incomplete: something could not be checked');
});

t.test('daemon.json nested 100,000 deep: dockerd refuses past 10,000, and so do we, with the place', async (t) => {
  for (const [name, open, close] of [['arrays', '[', ']'], ['objects', '{"a":', '}']] as const) {
    const depth = 100_000;
    const text = `{\n"tls": true,\n"x": ${open.repeat(depth)}1${close.repeat(depth)}\n}\n`;
    const { parseError, errors, settings } = parseDaemonJson(text, location);
    // The outer object is level 1, so the 10,000th container under "x" is one too many.
    const column = 6 + (MAX_JSON_DEPTH - 1) * open.length;
    t.same(parseError, { line: 3, column, message: `nested more than ${MAX_JSON_DEPTH} levels deep; dockerd (Go's encoding/json) refuses it too ("exceeded max depth")` }, name);
    t.same(errors.map((error) => error.message), [`daemon.json is not valid JSON at line 3, column ${column}: ${parseError!.message}`], name);
    t.same(settings.tls, [], `${name}: a file dockerd refuses sets nothing`);
  }

  const root = rootWithDaemonJson(t, `{"hosts": ["tcp://0.0.0.0:2375"], "x": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`);
  const observation = collectConfig({ root, env: {} });
  t.match(observation.daemon.daemonJsonError, { line: 1, message: /nested more than 10000 levels deep/ });
  t.match(observation.errors, [{ path: join(root, 'etc/docker/daemon.json'), message: /not valid JSON at line 1, column \d+: nested more than 10000/ }]);
  t.same(observation.daemon.listeners.map((listener) => listener.address), ['unix:///var/run/docker.sock'], 'the unit still read');
});

t.test('daemon.json nested as deep as dockerd allows is read, whatever our stack size', async (t) => {
  // 10,000 containers in all (the outer object is one): dockerd starts with this file.
  const inner = MAX_JSON_DEPTH - 1;
  const arrays = `{\n"tlsverify": true,\n"x": ${'['.repeat(inner)}${']'.repeat(inner)},\n"hosts": ["tcp://0.0.0.0:2376"]\n}`;
  const read = parseDaemonJson(arrays, location);
  t.equal(read.parseError, null);
  t.same(read.errors, []);
  t.same(read.settings.tlsverify.map((setting) => [setting.value, setting.source.line]), [[true, 2]]);
  t.same(read.settings.hosts.map((host) => [host.address, host.source.line]), [['tcp://0.0.0.0:2376', 4]]);
  const objects = `{"x": ${'{"a":'.repeat(inner - 1)}{}${'}'.repeat(inner - 1)}, "tls": true}`;
  t.same(parseDaemonJson(objects, location).settings.tls.map((setting) => setting.value), [true]);
  t.match(parseDaemonJson(`{"x": ${'['.repeat(inner + 1)}${']'.repeat(inner + 1)}}`, location).parseError, { message: /nested more than 10000/ }, 'one more is refused');
});

t.test('daemon.json encodings: a byte order mark picks UTF-8 or UTF-16 as dockerd lets it; other bytes are refused', async (t) => {
  const text = '{\n  "hosts": ["tcp://0.0.0.0:2376"],\n  "tlsverify": true\n}\n';
  const utf16be = Buffer.from(text, 'utf16le').swap16();
  const cases: [string, Buffer][] = [
    ['UTF-8 with a BOM (Notepad)', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])],
    ['UTF-16 LE with a BOM (Windows PowerShell)', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])],
    ['UTF-16 BE with a BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be])],
  ];
  for (const [name, bytes] of cases) {
    const root = rootWithDaemonJson(t, bytes);
    const observation = collectConfig({ root, env: {} });
    t.same(observation.errors, [], `${name}: read without complaint`);
    t.equal(observation.daemon.daemonJsonError, null, name);
    t.same(
      observation.daemon.listeners.filter((listener) => listener.origin === 'json').map((listener) => [listener.address, listener.source.line]),
      [['tcp://0.0.0.0:2376', 2]],
      `${name}: the listener, on its line`,
    );
    t.same(observation.daemon.tlsverify.map((setting) => [setting.value, setting.source.line]), [[true, 3]], name);
  }

  // Latin-1 "é" in a label: dockerd checks the file is UTF-8 before parsing and refuses to start.
  const latin1 = rootWithDaemonJson(t, Buffer.concat([Buffer.from('{\n  "hosts": ["tcp://0.0.0.0:2375"],\n  "labels": ["caf'), Buffer.from([0xe9]), Buffer.from('"]\n}\n')]));
  const refused = collectConfig({ root: latin1, env: {} });
  t.same(refused.daemon.daemonJsonError, { message: 'binary data, not UTF-8 text (byte 0xe9 at line 3, column 18)', line: 3, column: 18 });
  t.same(refused.errors.map((error) => error.message), ['daemon.json cannot be read: binary data, not UTF-8 text (byte 0xe9 at line 3, column 18); dockerd refuses to start with it']);
  t.same(refused.daemon.listeners.map((listener) => listener.address), ['unix:///var/run/docker.sock'], 'nothing taken from a file dockerd refuses');

  // UTF-16 without a mark is not guessed: dockerd reads it as UTF-8 and stops at the first NUL.
  const unmarked = collectConfig({ root: rootWithDaemonJson(t, Buffer.from(text, 'utf16le')), env: {} });
  t.match(unmarked.daemon.daemonJsonError, { message: /^binary data, not a text file/, line: 1, column: 2 });
});

t.test('daemon.json with a key given twice: the last one is judged, as dockerd uses it, and the duplicate is pointed at', async (t) => {
  const text = [
    '{',
    '  "hosts": ["tcp://0.0.0.0:2375"],',
    '  "tlsverify": false,',
    '  "debug": true,',
    '  "hosts": ["unix:///var/run/docker.sock"],',
    '  "tlsverify": true,',
    '  "hosts": ["tcp://127.0.0.1:2376"]',
    '}',
  ].join('\n');
  const { settings, errors, parseError, duplicateKeys } = parseDaemonJson(text, location);
  t.equal(parseError, null);
  t.same(settings.hosts.map((host) => [host.address, host.source.line]), [['tcp://127.0.0.1:2376', 7]]);
  t.same(settings.hostsKey?.line, 7);
  t.same(settings.tlsverify.map((setting) => [setting.value, setting.source.line]), [[true, 6]]);
  t.same(errors, [], 'the file was read as dockerd reads it: nothing went unchecked');
  t.same(duplicateKeys, [{ key: 'hosts', lines: [2, 5, 7] }, { key: 'tlsverify', lines: [3, 6] }], 'each key given twice, with every line it is on');
  t.same(parseDaemonJson('{"labels": {"a": 1, "a": 2}, "x": [{"tls": 1}, {"tls": 2}]}', location).duplicateKeys, [], 'nested objects are not daemon options: no complaint');

  // Option names are case-sensitive: dockerd does not read "TLSVerify" as tlsverify, it refuses the file.
  const cased = parseDaemonJson('{\n  "TLSVerify": false,\n  "Hosts": ["tcp://0.0.0.0:2375"]\n}', location);
  t.same(cased.settings.tlsverify, []);
  t.same(cased.settings.hosts, []);
  t.same(cased.errors.map((error) => error.message), [
    'daemon.json "TLSVerify" at line 2 is not a dockerd option (names are case-sensitive: "tlsverify"); dockerd refuses to start ("the following directives don\'t match any configuration option: TLSVerify")',
    'daemon.json "Hosts" at line 3 is not a dockerd option (names are case-sensitive: "hosts"); dockerd refuses to start ("the following directives don\'t match any configuration option: Hosts")',
  ]);

  // End to end: the rules judge the last "hosts", so the plaintext 0.0.0.0:2375 of line 2 is no finding.
  const root = rootWithDaemonJson(t, text.replace('"tcp://127.0.0.1:2376"', '"tcp://0.0.0.0:2377"'));
  rmSync(join(root, 'lib/systemd/system/docker.service'));
  const run = await runCli(['config', '--root', root, '-f', 'json', '--fail-on', 'none'], { timeoutMs: 60_000 });
  const report = jsonReport(run.stdout);
  const listenerFindings = report.findings.filter((finding) => finding.ruleId.startsWith('daemon-tcp'));
  t.ok(listenerFindings.length > 0, 'the effective listener is judged');
  t.ok(listenerFindings.every((finding) => finding.line === 7 && !finding.message.includes(':2375')), 'only the last "hosts" (line 7), never line 2');
  const duplicates = report.findings.filter((finding) => finding.ruleId === 'daemon-config-duplicate-key');
  t.match(duplicates.map((finding) => [finding.line, finding.message]), [
    [2, /^"hosts" is set 3 times in \/etc\/docker\/daemon\.json \(lines 2, 5, 7\); dockerd uses only line 7 and ignores lines 2, 5\.$/],
    [3, /^"tlsverify" is set 2 times .*\(lines 3, 6\); dockerd uses only line 6 and ignores line 3\.$/],
  ], 'a finding at each first ignored copy, the line to delete');
  t.notOk(report.errors.some((error) => /given \d+ times|set \d+ times/.test(error.message)), 'not an error entry: nothing went unchecked');
});

t.test('a FIFO where a config file belongs is reported, never opened for a blocking read', async (t) => {
  const root = scratchRoot(t, null);
  write(root, '/lib/systemd/system/docker.service', '[Service]\nExecStart=/usr/bin/dockerd -H tcp://127.0.0.1:2376 --tlsverify\n');
  mkdirSync(join(root, 'etc/docker'), { recursive: true });
  mkdirSync(join(root, 'etc/systemd/system/docker.service.d'), { recursive: true });
  execFileSync('mkfifo', [join(root, 'etc/docker/daemon.json'), join(root, 'etc/systemd/system/docker.service.d/pipe.conf'), join(root, 'etc/group')]);
  // In a child with a deadline: a blocking open would hang this test process for good.
  const run = await runCli(['config', '--root', root, '-f', 'json', '--fail-on', 'none'], { timeoutMs: 30_000 });
  t.not(run.status, null, 'the run ended by itself');
  const report = jsonReport(run.stdout);
  t.same(
    report.errors.map((error) => [error.path, error.message.replace(`${error.path}: `, '')]),
    [
      [join(root, 'etc/systemd/system/docker.service.d/pipe.conf'), 'drop-in pipe.conf cannot be read: is a FIFO (named pipe), not a regular file; not read'],
      [join(root, 'etc/docker/daemon.json'), 'daemon.json cannot be read: is a FIFO (named pipe), not a regular file; not read; none of its settings were checked'],
    ],
  );
  t.match(report.config?.daemon.listeners, [{ address: 'tcp://127.0.0.1:2376' }], 'the unit read around them');
});

// ---------------------------------------------------------------------------------------------
// systemd unit files: continuations, quoting, escapes, prefixes, `;`, variables.

/** A root whose docker.service (in /lib) is `[Service]` plus these lines, and optional drop-ins. */
function rootWithUnit(t: Test, service: string, dropIns: Record<string, string> = {}, files: Record<string, string> = {}): string {
  const root = scratchRoot(t, null);
  write(root, '/lib/systemd/system/docker.service', `[Service]\n${service}`);
  for (const [name, text] of Object.entries(dropIns)) write(root, `/etc/systemd/system/docker.service.d/${name}`, text);
  for (const [systemPath, text] of Object.entries(files)) write(root, systemPath, text);
  return root;
}

/** What systemd passes to dockerd for each ExecStart= that survives, as lists of words. */
const argvOf = (root: string) => readDockerService(root).commands.map((command) => command.words.map((word) => word.text));

t.test('line continuations as systemd joins them: odd backslashes only, comments skipped, blanks kept, EOF', async (t) => {
  const cases: [string, string, string[][], string][] = [
    [
      'comments inside a continuation are skipped, the line goes on after them',
      'ExecStart=/usr/bin/dockerd \\\n  -H fd:// \\\n# -H tcp://0.0.0.0:2375 \\\n  ; a note\n  --tlsverify\n',
      [['/usr/bin/dockerd', '-H', 'fd://', '--tlsverify']],
      'the commented-out -H is not a listener',
    ],
    [
      'an escaped backslash at the end of a line is no continuation',
      'ExecStart=/usr/bin/dockerd -H fd:// --label path=C:\\\\\\\\\n-H tcp://0.0.0.0:2375\n',
      [['/usr/bin/dockerd', '-H', 'fd://', '--label', 'path=C:\\\\']],
      'the next line is a line of its own (no "=": systemd ignores it)',
    ],
    [
      'a blank after the backslash ends the continuation',
      'ExecStart=/usr/bin/dockerd -H fd:// \\ \n-H tcp://0.0.0.0:2375\n',
      [['/usr/bin/dockerd', '-H', 'fd://', '\\']],
      'the value is trimmed, so a lone backslash is left (kept as written, with a warning); the -H below is no part of it',
    ],
    [
      'the continued line is appended with its leading blanks, which count inside quotes',
      'ExecStart=/usr/bin/dockerd -H fd:// --label "owner=ops \\\n    team"\n',
      [['/usr/bin/dockerd', '-H', 'fd://', '--label', 'owner=ops      team']],
      'two blanks from the first line (one the backslash became), four from the second',
    ],
    [
      'a continuation still pending at the end of the file is a line',
      'ExecStart=/usr/bin/dockerd -H tcp://127.0.0.1:2376 \\\n  --tlsverify \\',
      [['/usr/bin/dockerd', '-H', 'tcp://127.0.0.1:2376', '--tlsverify']],
      'no stray backslash word',
    ],
    [
      'CR and CRLF end lines too',
      'ExecStart=/usr/bin/dockerd -H tcp://0.0.0.0:2375\rExecStart=\r\nExecStart=/usr/bin/dockerd \\\r\n  -H tcp://127.0.0.1:2376\r\n',
      [['/usr/bin/dockerd', '-H', 'tcp://127.0.0.1:2376']],
      'the reset on its own CR-ended line applies',
    ],
  ];
  for (const [name, service, argv, why] of cases) {
    const root = rootWithUnit(t, service);
    t.same(argvOf(root), argv, `${name}: ${why}`);
    const observation = collectConfig({ root, env: {} });
    t.notOk(observation.daemon.listeners.some((listener) => listener.address === 'tcp://0.0.0.0:2375'), `${name}: no listener systemd would not pass`);
  }

  // Each flag keeps its own physical line, also after comment lines inside the continuation.
  const root = rootWithUnit(t, 'ExecStart=/usr/bin/dockerd \\\n# note \\\n  -H tcp://127.0.0.1:2376 \\\n\t--tlsverify\n');
  const observation = collectConfig({ root, env: {} });
  t.same(observation.daemon.listeners.map((listener) => listener.source.line), [4]);
  t.same(observation.daemon.tlsverify.map((setting) => setting.source.line), [5]);
});

t.test('ExecStart quoting and escapes as systemd reads them (not as a shell would)', async (t) => {
  const root = rootWithUnit(
    t,
    [
      'ExecStart=/usr/bin/dockerd -H "tcp://0.0.0.0:2375" \'--tlsverify=false\' --tlscacert="/etc/docker/my ca.pem" \\',
      "  '--tlscert=/etc/docker/server\\x2epem' --tlskey=/etc/docker/key\\056pem -H\\x20tcp://127.0.0.1:2376 \\",
      '  --label "say \\"hi\\"" --label \'it\\\'s\' --label a\\sb --label \\d',
      '',
    ].join('\n'),
  );
  t.same(argvOf(root), [
    [
      '/usr/bin/dockerd', '-H', 'tcp://0.0.0.0:2375', '--tlsverify=false', '--tlscacert=/etc/docker/my ca.pem',
      '--tlscert=/etc/docker/server.pem', '--tlskey=/etc/docker/key.pem', '-H tcp://127.0.0.1:2376',
      '--label', 'say "hi"', '--label', "it's", '--label', 'a b', '--label', '\\d',
    ],
  ]);
  const observation = collectConfig({ root, env: {} });
  t.same(observation.daemon.listeners.map((listener) => [listener.address.trim(), listener.source.line]), [['tcp://0.0.0.0:2375', 2], ['tcp://127.0.0.1:2376', 3]]);
  t.same(observation.daemon.tlscert.map((setting) => setting.value), ['/etc/docker/server.pem'], '\\x2e decoded inside single quotes, as systemd does');
  t.same(observation.daemon.tlskey.map((setting) => setting.value), ['/etc/docker/key.pem'], 'octal \\056 too');
  t.same(observation.daemon.tlscacert.map((setting) => setting.value), ['/etc/docker/my ca.pem']);
  t.same(observation.daemon.tlsverify.map((setting) => setting.value), [false]);
  t.same(observation.errors.map((error) => error.message), ['ExecStart at line 2 of docker.service has an unknown escape sequence in "\\d" (systemd keeps the backslash and warns)']);
});

t.test('ExecStart prefixes, ";" and "\\;", and syntax errors: what systemd runs, skips or refuses', async (t) => {
  const words = (service: string) => argvOf(rootWithUnit(t, `Type=oneshot\n${service}`));
  t.same(words('ExecStart=-+/usr/bin/dockerd -H tcp://127.0.0.1:2376\n'), [['/usr/bin/dockerd', '-H', 'tcp://127.0.0.1:2376']], '- and + are not part of the program');
  t.same(words('ExecStart=!!/usr/bin/dockerd --tls\n'), [['/usr/bin/dockerd', '--tls']]);
  t.same(words('ExecStart="-/usr/bin/dockerd" -H fd://\n'), [['/usr/bin/dockerd', '-H', 'fd://']], 'prefixes are read after unquoting');
  t.same(words('ExecStart=@/usr/bin/dockerd docker-daemon -H tcp://127.0.0.1:2376\n'), [['docker-daemon', '-H', 'tcp://127.0.0.1:2376']], '@: the second word is argv[0]');
  t.same(words('Environment=HOSTOPT=tcp://0.0.0.0:2375\nExecStart=:/usr/bin/dockerd -H $HOSTOPT\n'), [['/usr/bin/dockerd', '-H', '$HOSTOPT']], ': turns variable expansion off');
  t.same(
    words('ExecStart=/bin/true ; /usr/bin/dockerd -H tcp://127.0.0.1:2376 \\; --label a;b\n'),
    [['/bin/true'], ['/usr/bin/dockerd', '-H', 'tcp://127.0.0.1:2376', ';', '--label', 'a;b']],
    'a lone ; separates commands, \\; is a literal ;',
  );

  const unclosed = rootWithUnit(t, 'ExecStart=/usr/bin/dockerd -H "tcp://0.0.0.0:2375\n');
  t.same(collectConfig({ root: unclosed, env: {} }).errors.map((error) => error.message), [
    'ExecStart at line 2 of docker.service has an unclosed quote; systemd refuses to load the unit ("bad-setting")',
  ]);
  const dashed = rootWithUnit(t, 'ExecStart=-/usr/bin/dockerd -H "tcp://0.0.0.0:2375\n');
  t.same(collectConfig({ root: dashed, env: {} }).errors.map((error) => error.message), [
    'ExecStart at line 2 of docker.service has an unclosed quote; systemd ignores the line (it starts with "-")',
  ]);
  const firstWord = rootWithUnit(t, 'ExecStart="/usr/bin/dockerd -H tcp://0.0.0.0:2375\n');
  t.same(collectConfig({ root: firstWord, env: {} }).errors.map((error) => error.message), [
    'ExecStart at line 2 of docker.service has an unclosed quote in its first word; systemd ignores the line',
  ]);
  const header = rootWithUnit(t, 'ExecStart=/usr/bin/dockerd -H fd://\n[Install\nWantedBy=multi-user.target\n');
  t.same(collectConfig({ root: header, env: {} }).errors.map((error) => error.message), [
    'line 3 of docker.service: "[Install" is no section header (it has no closing "]"); systemd refuses to load the unit',
  ]);
});

t.test('an empty ExecStart= in a drop-in resets, however it is spaced, and a drop-in can leave none', async (t) => {
  const unit = 'ExecStart=/usr/bin/dockerd -H tcp://0.0.0.0:2375\n';
  t.same(argvOf(rootWithUnit(t, unit, { 'override.conf': '[Service]\nExecStart = \t\nExecStart=/usr/bin/dockerd -H fd://\n' })), [['/usr/bin/dockerd', '-H', 'fd://']]);
  const emptied = rootWithUnit(t, unit, { 'override.conf': '[Service]\nExecStart=\n' });
  t.same(argvOf(emptied), []);
  t.same(collectConfig({ root: emptied, env: {} }).daemon.listeners, [], 'no command, no listener');
  t.same(argvOf(rootWithUnit(t, unit, { 'override.conf': '[Unit]\nExecStart=\n' })), [['/usr/bin/dockerd', '-H', 'tcp://0.0.0.0:2375']], 'a reset in another section is no reset');
});

t.test('$NAME and ${NAME} from Environment= expand as systemd expands them (systemd.service(5) "Command lines")', async (t) => {
  // The man page's own example, with dockerd: ${X} is one argument, exactly the value; $X splits, honouring quotes.
  const manPage = rootWithUnit(t, 'Environment=ONE=\'one\' "TWO=\'two two\' too" THREE=\nExecStart=/usr/bin/dockerd ${ONE} ${TWO} ${THREE}\nExecStart=\nExecStart=/usr/bin/dockerd $ONE $TWO $THREE\n');
  t.same(argvOf(manPage), [['/usr/bin/dockerd', 'one', "two two", 'too']]);
  const braced = rootWithUnit(t, 'Environment=ONE=\'one\' "TWO=\'two two\' too" THREE=\nExecStart=/usr/bin/dockerd ${ONE} ${TWO} ${THREE}\n');
  t.same(argvOf(braced), [['/usr/bin/dockerd', 'one', "'two two' too", '']]);

  const root = rootWithUnit(
    t,
    [
      'Environment="DOCKER_OPTS=-H tcp://0.0.0.0:2375 --tlsverify" HOST=tcp://127.0.0.1:2376 EMPTY=',
      'ExecStart=/usr/bin/dockerd $DOCKER_OPTS -H ${HOST} --label=x$DOCKER_OPTS --label=price$$5 "$EMPTY" ${EMPTY} ${DOCKER_OPTS}',
      '',
    ].join('\n'),
  );
  t.same(argvOf(root), [
    ['/usr/bin/dockerd', '-H', 'tcp://0.0.0.0:2375', '--tlsverify', '-H', 'tcp://127.0.0.1:2376', '--label=x$DOCKER_OPTS', '--label=price$5', '', '-H tcp://0.0.0.0:2375 --tlsverify'],
  ]);
  const observation = collectConfig({ root, env: {} });
  t.same(
    observation.daemon.listeners.map((listener) => [listener.address, listener.port, `${listener.source.systemPath}:${listener.source.line}`]),
    [
      ['tcp://0.0.0.0:2375', 2375, '/lib/systemd/system/docker.service:2'],
      ['tcp://127.0.0.1:2376', 2376, '/lib/systemd/system/docker.service:2'],
      // One argument "-H tcp://0.0.0.0:2375 --tlsverify": dockerd takes all of it as the address, and refuses it.
      [' tcp://0.0.0.0:2375 --tlsverify', null, '/lib/systemd/system/docker.service:2'],
    ],
  );
  t.same(observation.daemon.tlsverify.map((setting) => setting.source.line), [2], 'the --tlsverify inside ${DOCKER_OPTS} is no flag');
  t.same(observation.errors.map((error) => error.message), [
    'ExecStart at line 3 of docker.service passes ${EMPTY} as an empty argument (EMPTY is unset or empty); dockerd refuses to start ("accepts no arguments"): write $EMPTY to pass nothing when it is empty',
    'ExecStart at line 3 of docker.service passes ${DOCKER_OPTS} as one argument, "-H tcp://0.0.0.0:2375 --tlsverify" (systemd never splits ${NAME}); dockerd reads it as a single flag and its value, not as several flags: write $DOCKER_OPTS as a word of its own to split it',
  ]);
});

t.test('EnvironmentFile= is read as systemd reads it: no expansion, unquoted values to the end of the line', async (t) => {
  const root = rootWithUnit(
    t,
    'EnvironmentFile=/etc/docker/dockerd.env\nExecStart=/usr/bin/dockerd $DOCKER_OPTS $MORE $EXPORTED\n',
    {},
    {
      '/etc/docker/dockerd.env': [
        '# written for systemd, not for a shell',
        'DOCKER_OPTS=-H tcp://0.0.0.0:2375   --tlsverify  ',
        'MORE="$DOCKER_OPTS --tls"',
        'export EXPORTED=-H tcp://10.0.0.1:2375',
        '',
      ].join('\n'),
    },
  );
  t.same(argvOf(root), [['/usr/bin/dockerd', '-H', 'tcp://0.0.0.0:2375', '--tlsverify', '$DOCKER_OPTS', '--tls']]);
  const observation = collectConfig({ root, env: {} });
  t.same(observation.daemon.listeners.map((listener) => [listener.address, `${listener.source.systemPath}:${listener.source.line}`]), [['tcp://0.0.0.0:2375', '/etc/docker/dockerd.env:2']]);
  t.same(observation.daemon.tls.map((setting) => `${setting.source.systemPath}:${setting.source.line}`), ['/etc/docker/dockerd.env:3']);
});

/**
 * Parses the argv systemd prints in `Command Line:` (quote_command_line: words joined by a blank,
 * a word with special characters in "…" with \" \\ \$ \` escaped, an empty word as "").
 */
function parseDumpedCommandLine(line: string): string[] {
  const words: string[] = [];
  let at = 0;
  while (at < line.length) {
    if (line[at] === ' ') {
      at++;
      continue;
    }
    let word = '';
    if (line[at] === '"') {
      at++;
      while (at < line.length && line[at] !== '"') {
        if (line[at] === '\\') at++;
        word += line[at];
        at++;
      }
      at++;
    } else {
      while (at < line.length && line[at] !== ' ') word += line[at++];
    }
    words.push(word);
  }
  return words;
}

const SYSTEMD = '/lib/systemd/systemd';
const noOracle = spawnSync('sh', ['-c', `test -x ${SYSTEMD} && command -v setpriv`]).status !== 0 && 'no systemd binary (or no setpriv) on this machine to compare with';

t.test('ExecStart= lines read as the installed systemd reads them (systemd --test as oracle)', { skip: noOracle }, async (t) => {
  const cases: string[] = [
    'ExecStart=/usr/bin/dockerd -H "tcp://0.0.0.0:2375" \'--tlsverify=false\' --tlscacert="/etc/docker/my ca.pem"\n',
    'ExecStart=/usr/bin/dockerd -H\\x20tcp://0.0.0.0:2375 \\x2d\\x2dtls \'--tlscert=/a\\x2epem\' --tlskey=/k\\056pem --label "say \\"hi\\"" --label \'it\\\'s\' a\\sb\n',
    'ExecStart=/usr/bin/dockerd --label \\d --label a\\101b\\u00e9 --label \\q"x y"\n',
    'ExecStart=-@/usr/bin/dockerd docker-daemon -H tcp://127.0.0.1:2376\n',
    'ExecStart=+/usr/bin/dockerd --tls\nExecStart=!!/usr/bin/dockerd --tls\nExecStart=:/usr/bin/dockerd -H $HOSTOPT\nExecStart="-/usr/bin/dockerd" -H fd://\n',
    'ExecStart=/bin/true ; /usr/bin/dockerd -H tcp://127.0.0.1:2376 \\; --label a;b ;\n',
    'ExecStart=/usr/bin/dockerd \\\n  -H fd:// \\\n# -H tcp://0.0.0.0:2375 \\\n  ; a note\n  --tlsverify\n',
    'ExecStart=/usr/bin/dockerd --label path=C:\\\\\\\\\n-H tcp://0.0.0.0:2375\n',
    'ExecStart=/usr/bin/dockerd -H fd:// \\ \n-H tcp://0.0.0.0:2375\n',
    'ExecStart=/usr/bin/dockerd --label "owner=ops \\\n    team" $OPTS ${OPTS} x$$y\n',
    'ExecStart=/usr/bin/dockerd -H tcp://0.0.0.0:2375\rExecStart=\r\nExecStart=/usr/bin/dockerd \\\r\n  -H tcp://127.0.0.1:2376\r\n',
    'ExecStart=/usr/bin/dockerd -H tcp://0.0.0.0:2375\nExecStart = \t\nExecStart=/usr/bin/dockerd -H fd://\n',
    'ExecStart=/usr/bin/dockerd -H "tcp://0.0.0.0:2375\n',
    'ExecStart=-/usr/bin/dockerd -H "tcp://0.0.0.0:2375\nExecStart=/usr/bin/dockerd -H fd://\n',
    'ExecStart="/usr/bin/dockerd -H tcp://0.0.0.0:2375\nExecStart=/usr/bin/dockerd -H fd://\n',
    'ExecStart=/usr/bin/dockerd -H fd://\n[Install\nWantedBy=multi-user.target\n',
    'ExecStart=/usr/bin/dockerd -H tcp://127.0.0.1:2376 --tlsverify \\',
  ];
  const dir = mkdtempSync(join(tmpdir(), 'dockprobe-systemd-oracle-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  chmodSync(dir, 0o755);
  const names = cases.map((_, index) => `probe${index}.service`);
  cases.forEach((body, index) => writeFileSync(join(dir, names[index]!), `[Service]\nType=oneshot\n${body}`));
  writeFileSync(join(dir, 'default.target'), `[Unit]\nWants=${names.join(' ')}\n`);
  // systemd --test dumps every unit it loaded, with each command's argv (run as root here it dumps nothing).
  const run = spawnSync('setpriv', ['--reuid=nobody', '--regid=nogroup', '--clear-groups', SYSTEMD, '--test', '--system', '--unit=default.target', '--no-pager', '--log-target=console'], {
    env: { SYSTEMD_UNIT_PATH: dir, PATH: process.env.PATH ?? '/usr/bin:/bin' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  const dump = `${run.stdout}\n${run.stderr}`;
  cases.forEach((body, index) => {
    const block = dump.split(/\n\t-> Unit /).find((part) => part.startsWith(`${names[index]}:`)) ?? '';
    const loadState = /Unit Load State: (\S+)/.exec(block)?.[1] ?? '(not dumped)';
    const systemdArgv = [...block.matchAll(/Command Line: (.*)/g)].map((match) => parseDumpedCommandLine(match[1]!));

    const unit = readUnitFile(`[Service]\nType=oneshot\n${body}`);
    let refused = unit.problems.some((problem) => problem.refusesUnit);
    let ours: string[][] = [];
    for (const entry of unit.entries.filter((candidate) => candidate.section === 'Service' && candidate.key === 'ExecStart')) {
      if (entry.value === '') {
        ours = [];
        continue;
      }
      const parsed = parseExecCommands(entry.value);
      if (parsed.problems.some((problem) => problem.effect === 'unit-refused')) refused = true;
      ours.push(...parsed.commands.filter((command) => !parsed.problems.some((problem) => problem.effect === 'line-ignored')).map((command) => command.argv.map((word) => word.text)));
    }
    t.equal(loadState === 'loaded', !refused, `${JSON.stringify(body)}: systemd's load state ${loadState}`);
    if (loadState === 'loaded') t.same(ours, systemdArgv, `${JSON.stringify(body)}: the same argv as systemd`);
  });
});

t.test('config folders and files the scanner may not read: error entries naming them and what to do, the rest read (run as nobody)', async (t) => {
  const root = scratchRoot(t, null);
  chmodSync(root, 0o755);
  write(root, '/lib/systemd/system/docker.service', '[Service]\nExecStart=/usr/bin/dockerd -H tcp://127.0.0.1:2376 --tlsverify\n');
  write(root, '/etc/systemd/system/docker.service.d/override.conf', '[Service]\nExecStart=\nExecStart=/usr/bin/dockerd -H tcp://0.0.0.0:2375\n');
  chmodSync(join(root, 'etc/systemd/system/docker.service.d'), 0o700);
  write(root, '/etc/docker/daemon.json', '{"tls": true}');
  chmodSync(join(root, 'etc/docker/daemon.json'), 0o600);
  mkdirSync(join(root, 'home/alice/.docker'), { recursive: true });
  chmodSync(join(root, 'home/alice'), 0o700);

  const run = runCliAsNobody(['config', '--root', root, '-f', 'json', '--fail-on', 'none']);
  t.equal(run.stderr, '', 'no stack trace');
  const report = assertValidReport(t, run.stdout);
  t.same(
    report.errors.map((error) => [error.kind, error.path, error.message.replace(`${error.path}: `, '')]),
    [
      ['config', join(root, 'etc/systemd/system/docker.service.d'), 'docker.service.d cannot be listed: permission denied (EACCES); its drop-ins were not read: run dockprobe as root or grant it read access to /etc/systemd/system/docker.service.d'],
      ['config', join(root, 'etc/docker/daemon.json'), 'daemon.json cannot be read: permission denied (EACCES); run dockprobe as root, or grant it read access; none of its settings were checked'],
      ['config', join(root, 'home/alice/.docker'), "cannot look inside /home/alice (permission denied); run dockprobe as root to audit every user's Docker client"],
    ],
  );
  t.equal(run.status, 4, 'incomplete, not a pass');
  t.same(report.config?.daemon.listeners.map((listener) => listener.address), ['tcp://127.0.0.1:2376'], 'the readable unit is still read');
  t.equal(report.config?.daemon.daemonJsonError, null, 'an unreadable daemon.json is no invalid one');
});

t.test('symbolic link loops among units and drop-ins end, each reported once', async (t) => {
  const root = rootWithUnit(t, 'ExecStart=/usr/bin/dockerd -H tcp://127.0.0.1:2376 --tlsverify\n');
  const dropIns = join(root, 'etc/systemd/system/docker.service.d');
  mkdirSync(dropIns, { recursive: true });
  symlinkSync('b.conf', join(dropIns, 'a.conf'));
  symlinkSync('a.conf', join(dropIns, 'b.conf'));
  // A drop-in folder that is a link to itself, in the next unit directory down.
  mkdirSync(join(root, 'run/systemd/system'), { recursive: true });
  symlinkSync('docker.service.d', join(root, 'run/systemd/system/docker.service.d'));
  const observation = collectConfig({ root, env: {} });
  t.same(
    observation.errors.map((error) => [error.path, error.message]),
    [
      [join(root, 'run/systemd/system/docker.service.d'), 'docker.service.d cannot be read: too many levels of symbolic links (ELOOP)'],
      [join(dropIns, 'a.conf'), 'drop-in a.conf cannot be read: too many levels of symbolic links (ELOOP)'],
      [join(dropIns, 'b.conf'), 'drop-in b.conf cannot be read: too many levels of symbolic links (ELOOP)'],
    ],
  );
  t.same(observation.daemon.listeners.map((listener) => listener.address), ['tcp://127.0.0.1:2376'], 'the unit read around them');
});
