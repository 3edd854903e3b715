import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t, { type Test } from 'tap';
import { startFakeDockerApi, type LookalikeServer } from '../helpers/lookalikes.js';
import { issueClientCert, issueServerCert, makePki } from '../helpers/pki.js';
import { EMPTY_HOME, runCli, type CliRun } from '../helpers/run-cli.js';

/**
 * What users rely on: secrets that dockprobe sees on its way (proxy credentials in /info, key
 * files it audits, the client key it presents) never reach a report, in any format, nor the
 * saved --state, nor what it prints on stderr. Each secret is distinctive, so a leak cannot
 * hide behind a coincidence, and each case also finds its non-secret context in every
 * output, so no case passes on an empty report.
 */
const FORMATS = ['json', 'sarif', 'table', 'prometheus', 'html'] as const;
const PROXY_HOST = '127.0.0.181';
const MTLS_HOST = '127.0.0.182';

const dir = mkdtempSync(join(tmpdir(), 'dockprobe-redaction-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));
const servers: LookalikeServer[] = [];
t.teardown(() => Promise.all(servers.map((server) => server.close())));

interface Rendered {
  /** What a reader sees, by where it was: 'json stdout', 'json --state file', 'table stderr', ... */
  outputs: Map<string, string>;
}

/** The command once per format, to stdout; the JSON run also keeps --state. Any exit code but 3. */
async function renderAllFormats(t: Test, args: string[], name: string): Promise<Rendered> {
  const outputs = new Map<string, string>();
  for (const format of FORMATS) {
    const statePath = join(dir, `${name}-state.json`);
    const state = format === 'json' ? ['--state', statePath] : [];
    const run: CliRun = await runCli([...args, '-f', format, ...state]);
    t.not(run.status, 3, `${name} -f ${format} did not crash: ${run.stderr}`);
    outputs.set(`${format} stdout`, run.stdout);
    outputs.set(`${format} stderr`, run.stderr);
    if (format === 'json') outputs.set('json --state file', readFileSync(statePath, 'utf8'));
  }
  return { outputs };
}

function assertAbsent(t: Test, { outputs }: Rendered, secrets: Array<[label: string, text: string]>): void {
  for (const [where, text] of outputs) {
    const leaked = secrets.filter(([, secret]) => text.includes(secret)).map(([label]) => label);
    t.same(leaked, [], `${where}: no secret`);
    t.notMatch(text, /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----|-----END /, `${where}: no PEM block`);
  }
}

/** Prometheus text holds counters only, no paths: the files case gives its own context for it. */
function assertPresent(t: Test, { outputs }: Rendered, context: string, formats: readonly (typeof FORMATS)[number][] = FORMATS): void {
  for (const format of formats) t.ok(outputs.get(`${format} stdout`)!.includes(context), `-f ${format} names ${context}`);
}

/**
 * Key material as a leak would show it: every base64 line of the body, cut into overlapping
 * 20-character pieces (a report quoting half a line is still a leak). The first 40 characters
 * of a DER key are its algorithm header, the same in every key of a kind, so they are skipped.
 */
function keyMaterial(label: string, pem: string): Array<[string, string]> {
  const body = pem
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('-----') && !/^[A-Za-z-]+: /.test(line))
    .join('');
  const pieces: Array<[string, string]> = [];
  for (let offset = 40; offset + 20 <= body.length; offset += 10) pieces.push([`${label} body at ${offset}`, body.slice(offset, offset + 20)]);
  return pieces;
}

function pemOf(label: string, der: Buffer): string {
  return `-----BEGIN ${label}-----\n${(der.toString('base64').match(/.{1,64}/g) ?? []).join('\n')}\n-----END ${label}-----\n`;
}

t.test('proxy credentials from /info', async (t) => {
  const api = await startFakeDockerApi({
    host: PROXY_HOST,
    port: 0,
    info: {
      HttpProxy: 'http://dp-proxy-user:Pr0xyS3cret-HttpProxy-7f3a@proxy-http.corp.example:3128',
      // An unescaped @ in the password, as hand-written settings have.
      HttpsProxy: 'https://dp-proxy-user:Pr0xyS3cret@HttpsProxy-91c2@proxy-https.corp.example:3129',
      NoProxy: 'localhost,127.0.0.1,.corp.example',
      Labels: ['deploy-token=LabelS3cret-5be1'],
    },
  });
  servers.push(api);
  const target = `${PROXY_HOST}:${api.port}`;
  const rendered = await renderAllFormats(t, ['scan', target], 'proxy');

  assertAbsent(t, rendered, [
    ['proxy password', 'Pr0xyS3cret'],
    ['proxy user', 'dp-proxy-user'],
    ['a label (not in the /info allow-list)', 'LabelS3cret'],
  ]);
  assertPresent(t, rendered, target);
  const json = rendered.outputs.get('json stdout')!;
  t.match(json, 'http://redacted@proxy-http.corp.example:3128', 'the proxy is reported, its credentials are not');
  t.match(json, 'https://redacted@proxy-https.corp.example:3129', 'everything up to the last @ is redacted');
  t.equal(api.requests.length, FORMATS.length * 4, 'each run read /_ping, /version, /info and /networks/bridge');
});

t.test('a password in DOCKER_HOST is never echoed', async (t) => {
  for (const format of FORMATS) {
    const run = await runCli(['scan', '-f', format], { env: { ...EMPTY_HOME, DOCKER_HOST: `tcp://dp-host-user:D0ckerH0stS3cret-c4d8@${PROXY_HOST}:2375` } });
    t.equal(run.status, 2, 'credentials in a target are a usage error');
    t.match(run.stderr, /credentials in a target are never used/, 'the user is told why');
    t.match(run.stderr, `tcp://redacted@${PROXY_HOST}:2375`, 'and which target, redacted');
    t.notMatch(run.stdout + run.stderr, /D0ckerH0stS3cret|dp-host-user/, `-f ${format}: no credentials`);
  }
});

t.test('credentials in host config: daemon.json, a systemd drop-in, /etc/default/docker, ~/.docker/config.json', async (t) => {
  const root = join(dir, 'host-root');
  const put = (path: string, text: string) => {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  put('etc/docker/daemon.json', `${JSON.stringify({
    hosts: ['tcp://0.0.0.0:2375', 'unix:///var/run/docker.sock'],
    proxies: { 'http-proxy': 'http://cfg-user:CfgS3cret-daemon-json@proxy.corp.example:3128' },
    'registry-mirrors': ['https://cfg-user:CfgS3cret-mirror@mirror.corp.example'],
  })}\n`);
  put(
    'etc/systemd/system/docker.service.d/http-proxy.conf',
    '[Service]\nEnvironment="HTTPS_PROXY=http://cfg-user:CfgS3cret-systemd@proxy.corp.example:3128"\nExecStart=\nExecStart=/usr/bin/dockerd -H tcp://0.0.0.0:2376 --tlsverify=false --registry-mirror https://cfg-user:CfgS3cret-argv@mirror.corp.example\n',
  );
  put('etc/default/docker', 'DOCKER_OPTS="-H tcp://0.0.0.0:2377"\nhttp_proxy="http://cfg-user:CfgS3cret-defaults@proxy.corp.example:3128"\n');
  put('root/.docker/config.json', `${JSON.stringify({ auths: { 'registry.corp.example': { auth: Buffer.from('cfg-user:CfgS3cret-auth').toString('base64') } } })}\n`);

  const rendered = await renderAllFormats(t, ['config', '--root', root, '--fail-on', 'none'], 'config');
  assertAbsent(t, rendered, [
    ['a password', 'CfgS3cret'],
    ['a user name', 'cfg-user'],
    ['registry auth', Buffer.from('cfg-user:CfgS3cret-auth').toString('base64').slice(0, 20)],
  ]);
  for (const listener of ['tcp://0.0.0.0:2375', 'tcp://0.0.0.0:2377']) assertPresent(t, rendered, listener, ['json', 'sarif', 'table']);
  assertPresent(t, rendered, 'dockprobe_rule_findings{rule="daemon-tcp-no-tls"', ['prometheus']);
});

t.test('key files: unparseable, world-readable, encrypted, legacy-encrypted, bundled with a certificate', async (t) => {
  const keys = join(dir, 'keys');
  mkdirSync(keys);
  const files: Record<string, string> = {};
  const write = (name: string, text: string, mode = 0o600) => {
    const path = join(keys, name);
    writeFileSync(path, text);
    chmodSync(path, mode);
    files[name] = text;
    return path;
  };
  // Valid base64, but no key inside: distinctive bytes that no parser accepts.
  write('key.pem', pemOf('PRIVATE KEY', Buffer.concat([Buffer.from([0xff, 0x00]), Buffer.from('CorruptKeyMaterial-'), randomBytes(600)])), 0o600);
  // A body line that is not base64 at all.
  write('broken-key.pem', `-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUV\nNotBase64!S3cretKeyLine-e2a9 with spaces and !!\n-----END RSA PRIVATE KEY-----\n`);
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  write('server-key.pem', rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string, 0o644);
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  write('ca-key.pem', ec.privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'never-given' }) as string, 0o600);
  const legacy = generateKeyPairSync('rsa', { modulusLength: 2048 });
  write('legacy-key.pem', legacy.privateKey.export({ type: 'pkcs1', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'never-given' }) as string, 0o644);
  const pki = makePki(join(dir, 'bundle-pki'));
  const leaf = issueServerCert(pki, { name: 'bundle', sanIp: ['127.0.0.1'] });
  write('bundle.pem', `${leaf.certPem}${leaf.keyPem}`, 0o644);

  const rendered = await renderAllFormats(t, ['files', keys, '--fail-on', 'none'], 'files');

  const secrets: Array<[string, string]> = [['the non-base64 line', 'S3cretKeyLine'], ['the corrupt body', 'CorruptKeyMaterial']];
  for (const [name, text] of Object.entries(files)) {
    const keyPem = /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/.exec(text)![0];
    if (name !== 'broken-key.pem') secrets.push(...keyMaterial(name, keyPem));
  }
  t.ok(secrets.length > 200, `${secrets.length} pieces of key material looked for`);
  assertAbsent(t, rendered, secrets);
  // 'CorruptKeyMaterial-' base64-encodes differently at each offset: look for each encoding too.
  for (const [where, text] of rendered.outputs) {
    for (const shift of [0, 1, 2]) {
      const encoded = Buffer.concat([Buffer.alloc(shift), Buffer.from('CorruptKeyMaterial-')]).toString('base64').slice(4, 24);
      t.notOk(text.includes(encoded), `${where}: not even base64 of the corrupt body (shift ${shift})`);
    }
  }
  // The context each format has: JSON lists every file, SARIF the files with findings, the
  // table (which wraps long paths) and Prometheus (counters only) the rules that fired.
  for (const name of Object.keys(files)) assertPresent(t, rendered, join(keys, name), ['json']);
  for (const name of ['key.pem', 'broken-key.pem', 'server-key.pem', 'legacy-key.pem', 'bundle.pem']) assertPresent(t, rendered, `keys/${name}"`, ['sarif']);
  for (const rule of ['file-key-permissions', 'cert-unparseable']) {
    assertPresent(t, rendered, rule, ['table', 'sarif']);
    assertPresent(t, rendered, `dockprobe_rule_findings{rule="${rule}"`, ['prometheus']);
  }
  t.match(rendered.outputs.get('json stdout'), /server-key\.pem[\s\S]*key-permissions|key-permissions[\s\S]*server-key\.pem/, 'the world-readable key is reported, by path');
});

t.test('the client key dockprobe presents, and one it cannot use', async (t) => {
  const pki = makePki(join(dir, 'mtls'));
  const server = issueServerCert(pki, { name: 'server', sanIp: [MTLS_HOST] });
  const client = issueClientCert(pki, { name: 'client' });
  const api = await startFakeDockerApi({ host: MTLS_HOST, port: 0, tls: { cert: server.certPem, key: server.keyPem, ca: pki.ca.certPem, requestCert: true } });
  servers.push(api);
  const target = `${MTLS_HOST}:${api.port}`;
  const rendered = await renderAllFormats(t, ['scan', target, '--tlscacert', pki.ca.certPath, '--tlscert', client.certPath, '--tlskey', client.keyPath], 'mtls');

  assertAbsent(t, rendered, keyMaterial('client key', client.keyPem));
  assertPresent(t, rendered, target);
  const report = JSON.parse(rendered.outputs.get('json stdout')!) as { endpoints: Array<{ attempts: Array<{ name: string; outcome: string }> }> };
  t.match(report.endpoints[0]?.attempts.find((attempt) => attempt.name === 'tls-user-client-cert'), { outcome: 'api-access' }, 'the key was used: the daemon let it in');
  t.ok(api.requests.some((request) => request.clientCertCommonName === 'client'), 'the server saw the client certificate');

  // A key that does not load: the error names the file, never its content.
  const corrupt = join(dir, 'corrupt-client-key.pem');
  writeFileSync(corrupt, client.keyPem.replace(/\n([A-Za-z0-9+/]{64})\n/, '\n$1!\n'));
  const mismatched = join(dir, 'other-client-key.pem');
  writeFileSync(mismatched, generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string);
  for (const keyPath of [corrupt, mismatched]) {
    const run = await runCli(['scan', target, '--tlscacert', pki.ca.certPath, '--tlscert', client.certPath, '--tlskey', keyPath]);
    t.equal(run.status, 2, `${keyPath} is refused`);
    t.match(run.stderr, keyPath, 'the message names the key file');
    const material = [...keyMaterial('client key', client.keyPem), ...keyMaterial('key given', readFileSync(keyPath, 'utf8'))];
    t.same(material.filter(([, piece]) => (run.stdout + run.stderr).includes(piece)).map(([label]) => label), [], 'and quotes none of it');
  }
});
