import t from 'tap';
import { extractInfoFacts } from '../../src/network/docker-info.js';
import { redactUrlCredentials } from '../../src/redact-url-credentials.js';

t.test('proxy passwords never survive, with or without a scheme', async (t) => {
  t.equal(redactUrlCredentials('http://alice:s3cret@proxy.corp:3128'), 'http://redacted@proxy.corp:3128');
  t.equal(redactUrlCredentials('socks5://alice:s3cret@proxy.corp:1080'), 'socks5://redacted@proxy.corp:1080');
  t.equal(redactUrlCredentials('alice:s3cret@proxy.corp:3128'), 'redacted@proxy.corp:3128');
  t.equal(redactUrlCredentials('http://xxxxx:xxxxx@proxy.corp:3128'), 'http://redacted@proxy.corp:3128', 'already masked by dockerd: still one form');
});

t.test('proxy settings without credentials are kept as they are', async (t) => {
  t.equal(redactUrlCredentials('http://proxy.corp:3128'), 'http://proxy.corp:3128');
  t.equal(redactUrlCredentials('proxy.corp:3128'), 'proxy.corp:3128');
  t.equal(redactUrlCredentials('http://a:b@c@proxy.corp:3128'), 'http://redacted@proxy.corp:3128', 'an unescaped @ in the password');
  t.equal(redactUrlCredentials('a:p/ss@proxy.corp:3128'), 'redacted@proxy.corp:3128', 'an unescaped / in the password');
});

t.test('/info keeps its allow-list and nothing else', async (t) => {
  const facts = extractInfoFacts(JSON.stringify({
    Name: 'node1', ServerVersion: '24.0.7', OperatingSystem: 'Debian', SecurityOptions: ['name=seccomp,profile=default', 'name=rootless'],
    Plugins: { Authorization: ['opa-docker-authz'] }, HttpProxy: 'alice:s3cret@proxy.corp:3128', HttpsProxy: 'https://bob:hunter2@proxy.corp:3129',
    RegistryConfig: { IndexConfigs: { 'docker.io': { Secure: true } } }, Swarm: { JoinTokens: { Worker: 'SWMTKN-1-secret' } }, Labels: ['token=abc'],
  }));
  t.match(facts, { name: 'node1', serverVersion: '24.0.7', authorizationPlugins: ['opa-docker-authz'], rootless: true });
  const text = JSON.stringify(facts);
  for (const secret of ['s3cret', 'hunter2', 'SWMTKN', 'token=abc']) t.notOk(text.includes(secret), `${secret} stays out`);
});

t.test('/info that is not a JSON object gives no facts', async (t) => {
  t.equal(extractInfoFacts('<html>'), null);
  t.equal(extractInfoFacts('[]'), null);
});

// ------------------------------------------------------------------ the CIS section 2 facts (1.8.0)

/** A /info body with only what the test names; every other section 2 field absent. */
const infoWith = (fields: Record<string, unknown>) => extractInfoFacts(JSON.stringify(fields))!;

const SECTION_2_FIELDS = [
  { field: 'liveRestoreEnabled', raw: 'LiveRestoreEnabled', values: [true, false], wrong: ['true', 1, {}] },
  { field: 'experimentalBuild', raw: 'ExperimentalBuild', values: [true, false], wrong: ['false', 0, []] },
  { field: 'debug', raw: 'Debug', values: [true, false], wrong: ['true', 1, null] },
  { field: 'loggingDriver', raw: 'LoggingDriver', values: ['json-file', 'journald', 'syslog'], wrong: ['', 7, ['syslog'], null] },
  { field: 'driver', raw: 'Driver', values: ['overlay2', 'aufs', 'vfs'], wrong: ['', true, { name: 'aufs' }] },
] as const;

for (const { field, raw, values, wrong } of SECTION_2_FIELDS) {
  t.test(`${field} comes from ${raw}, and is null (could not check) when absent or of another type`, async (t) => {
    for (const value of values) t.equal(infoWith({ [raw]: value })[field], value, `${raw}: ${JSON.stringify(value)}`);
    t.equal(infoWith({})[field], null, `${raw} absent: null, never a default`);
    for (const value of wrong) t.equal(infoWith({ [raw]: value })[field], null, `${raw}: ${JSON.stringify(value)} is not trusted`);
  });
}

t.test('defaultBridgeIcc is not in /info: null until GET /networks/bridge is read', async (t) => {
  t.equal(infoWith({ Debug: false }).defaultBridgeIcc, null);
  t.equal(infoWith({ BridgeNfIptables: true, DefaultBridgeIcc: true }).defaultBridgeIcc, null, 'a look-alike field in /info is not taken for it');
});

const registry = (config: unknown) => infoWith({ RegistryConfig: config }).insecureRegistries;
const hub = { 'docker.io': { Name: 'docker.io', Mirrors: ['https://mirror.corp'], Secure: true, Official: true } };

t.test('insecureRegistries: the operator\'s CIDRs and insecure names, without dockerd\'s built-in loopback ones', async (t) => {
  t.same(registry({ InsecureRegistryCIDRs: ['127.0.0.0/8'], IndexConfigs: hub }), [], 'dockerd 20.10 default: none');
  t.same(registry({ InsecureRegistryCIDRs: ['::1/128', '127.0.0.0/8'], IndexConfigs: hub }), [], 'newer dockerd default (with ::1/128): none');
  t.same(
    registry({
      InsecureRegistryCIDRs: ['10.0.0.0/8', '127.0.0.0/8', '::1/128', 'fd00::/8'],
      IndexConfigs: { ...hub, 'registry.lan:5000': { Name: 'registry.lan:5000', Mirrors: [], Secure: false, Official: false }, 'safe.lan': { Name: 'safe.lan', Mirrors: [], Secure: true, Official: false } },
    }),
    ['10.0.0.0/8', 'fd00::/8', 'registry.lan:5000'],
    'CIDRs first, then names with Secure false; a secure name is not listed',
  );
  t.same(registry({ InsecureRegistryCIDRs: ['127.0.0.0/8'], IndexConfigs: { 'docker.io': { ...hub['docker.io'], Secure: false } } }), [], 'docker.io is never listed');
  t.same(registry({ InsecureRegistryCIDRs: null, IndexConfigs: null }), [], 'Go writes an empty list as null: empty');
});

t.test('insecureRegistries keeps names only: no mirrors, no credentials', async (t) => {
  const facts = infoWith({
    RegistryConfig: {
      InsecureRegistryCIDRs: ['127.0.0.0/8'], Mirrors: ['https://user:mirror-secret@mirror.corp'],
      IndexConfigs: { ...hub, 'registry.lan': { Name: 'registry.lan', Mirrors: ['https://other-mirror.corp'], Secure: false, Official: false } },
    },
  });
  t.same(facts.insecureRegistries, ['registry.lan']);
  const text = JSON.stringify(facts);
  for (const kept of ['mirror-secret', 'mirror.corp', 'other-mirror']) t.notOk(text.includes(kept), `${kept} stays out`);
});

t.test('insecureRegistries is null (could not check) when RegistryConfig is missing or malformed', async (t) => {
  t.equal(infoWith({}).insecureRegistries, null, 'no RegistryConfig');
  t.equal(registry(null), null, 'RegistryConfig null');
  t.equal(registry(['10.0.0.0/8']), null, 'RegistryConfig a list');
  t.equal(registry({ IndexConfigs: hub }), null, 'no InsecureRegistryCIDRs');
  t.equal(registry({ InsecureRegistryCIDRs: ['127.0.0.0/8'] }), null, 'no IndexConfigs');
  t.equal(registry({ InsecureRegistryCIDRs: '10.0.0.0/8', IndexConfigs: hub }), null, 'CIDRs as a string');
  t.equal(registry({ InsecureRegistryCIDRs: ['10.0.0.0/8', 8], IndexConfigs: hub }), null, 'a CIDR that is not a string');
  t.equal(registry({ InsecureRegistryCIDRs: [], IndexConfigs: ['registry.lan'] }), null, 'IndexConfigs a list');
  t.equal(registry({ InsecureRegistryCIDRs: [], IndexConfigs: { 'registry.lan': { Secure: 'false' } } }), null, 'Secure not a boolean');
  t.equal(registry({ InsecureRegistryCIDRs: [], IndexConfigs: { 'registry.lan': null } }), null, 'an entry that is not an object');
});
