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
