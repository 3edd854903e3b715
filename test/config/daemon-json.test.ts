import t from 'tap';
import { parseDaemonJson } from '../../src/config/daemon-json.js';
import { lineAndColumn, scanJson } from '../../src/config/json-positions.js';

const location = { path: '/r/etc/docker/daemon.json', systemPath: '/etc/docker/daemon.json' };

t.test('multi-line daemon.json: each key and each hosts entry on its own line', async (t) => {
  const text = ['{', '  "log-driver": "json-file",', '  "hosts": [', '    "unix:///var/run/docker.sock",', '    "tcp://0.0.0.0:2376"', '  ],', '  "tls": true,', '  "tlsverify": false,', '  "tlscacert": "/ca.pem",', '  "tlscert": "/cert.pem",', '  "tlskey": "/key.pem"', '}'].join('\n');
  const { settings, parseError, errors } = parseDaemonJson(text, location);
  t.equal(parseError, null);
  t.same(errors, []);
  t.same(settings.hosts.map((host) => [host.address, host.source.line]), [['unix:///var/run/docker.sock', 4], ['tcp://0.0.0.0:2376', 5]]);
  t.match(settings.tls, [{ value: true, origin: 'json', source: { line: 7, form: 'daemon.json "tls"', path: location.path, systemPath: location.systemPath } }]);
  t.match(settings.tlsverify, [{ value: false, source: { line: 8 } }]);
  t.match(settings.tlscacert, [{ value: '/ca.pem', source: { line: 9 } }]);
  t.match(settings.tlscert, [{ value: '/cert.pem', source: { line: 10 } }]);
  t.match(settings.tlskey, [{ value: '/key.pem', source: { line: 11 } }]);
});

t.test('a key name inside a value or a nested object is not the key', async (t) => {
  const text = '{\n "labels": ["tls", "hosts"],\n "x": {"tls": 1},\n "tls": true\n}';
  const { settings } = parseDaemonJson(text, location);
  t.same(settings.tls.map((setting) => setting.source.line), [4]);
  t.same(settings.hosts, []);
});

t.test('hosts as a single string; wrong types are named with their line', async (t) => {
  t.same(parseDaemonJson('{"hosts": "tcp://h:2375"}', location).settings.hosts.map((host) => host.address), ['tcp://h:2375']);
  const { errors, settings } = parseDaemonJson('{\n"tls": "yes",\n"hosts": [1],\n"tlskey": 3\n}', location);
  t.match(errors.map((error) => error.message), [/"hosts" at line 3 must be an array of strings/, /"tls" at line 2 must be true or false/, /"tlskey" at line 4 must be a path string/]);
  t.same(settings.tls, []);
});

t.test('invalid JSON: a message with 1-based line and column, no echo of the contents', async (t) => {
  const cases: [string, number, number, RegExp][] = [
    ['', 1, 1, /empty/],
    ['   \n  ', 1, 1, /only whitespace/],
    ['{\n  "hosts": ["tcp://0.0.0.0:2376"],\n  "tls": true,\n}\n', 4, 1, /trailing comma/],
    ['{\n  "tls": tru\n}', 2, 10, /unexpected '\s*'|expected a value|unexpected/],
    ['{\n  "a": 1\n  "b": 2\n}', 3, 3, /expected ',' or '}'/],
    ['{"a": "x\ny"}', 1, 9, /control character/],
    ['{"a": 1', 1, 8, /expected ',' or '}'.*end of the file/],
    ["{'a': 1}", 1, 2, /quoted" property name/],
    ['{} {}', 1, 4, /after the end/],
    ['{"proxies": {"http-proxy": "http://u:secret@p"},}', 1, 49, /trailing comma/],
  ];
  for (const [text, line, column, message] of cases) {
    const { parseError, errors } = parseDaemonJson(text, location);
    t.match(parseError, { line, column, message }, JSON.stringify(text));
    t.equal(errors.length, 1);
    t.notMatch(errors[0]!.message, /secret/, 'the error never quotes the file');
  }
});

t.test('the scanner agrees with JSON.parse about validity', async (t) => {
  const samples = ['{}', '[]', '{"a":[1,2,{"b":null}],"c":-1.5e3,"d":"\\u00e9\\n"}', '{"a":01}', '{"a":1.}', '{"a":"\\x"}', '[1,]', 'nul', '"s"', '{"a":true}x', '\u00a0{}'];
  for (const sample of samples) {
    let valid = true;
    try {
      JSON.parse(sample);
    } catch {
      valid = false;
    }
    t.equal(scanJson(sample).ok, valid, sample);
  }
});

t.test('a top-level value that is not an object', async (t) => {
  t.match(parseDaemonJson('["tcp://x"]', location), { parseError: { line: 1, column: 1 }, errors: [{ message: /must hold a JSON object/ }] });
});

t.test('line and column', async (t) => {
  t.same(lineAndColumn('ab\ncd', 4), { line: 2, column: 2 });
  t.same(lineAndColumn('ab', 99), { line: 1, column: 3 });
});
