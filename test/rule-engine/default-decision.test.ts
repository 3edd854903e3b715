import t from 'tap';
import { configDecision, defaultConfigDecision, defaultEndpointDecision, defaultFileDecision, endpointDecision } from '../../src/rule-engine/default-decision.js';
import { renderMessage } from '../../src/rule-engine/render-message.js';
import { apiNoAuthzPlugin } from '../../src/rules/api-no-authz-plugin.js';
import { apiTlsNoClientVerify } from '../../src/rules/api-tls-no-client-verify.js';
import { apiUnauthenticated } from '../../src/rules/api-unauthenticated.js';
import { daemonConfigInvalid } from '../../src/rules/daemon-config-invalid.js';
import { daemonTlsFilesMissing } from '../../src/rules/daemon-tls-files-missing.js';
import { daemonTcpNoTls } from '../../src/rules/daemon-tcp-no-tls.js';
import { config, DAEMON_JSON, source } from '../support/config-observation-builder.js';
import { serverCert } from '../support/file-observation-builder.js';
import { attempts, mtlsEndpoint } from '../support/observation-builder.js';

const context = { params: {}, now: new Date('2026-06-01T00:00:00Z') };

t.test('endpoint default: decided only on a fully checked Docker API', async (t) => {
  t.same(defaultEndpointDecision(mtlsEndpoint()), { kind: 'decided' });
  t.match(defaultEndpointDecision(mtlsEndpoint({ state: 'closed' })), { kind: 'not-applicable', why: /nothing answers on 127\.0\.0\.1:2376 \(closed\)/ });
  t.match(defaultEndpointDecision(mtlsEndpoint({ state: 'filtered' })), { kind: 'not-applicable' });
  t.same(defaultEndpointDecision(mtlsEndpoint({ checked: { complete: false, reason: 'deadline before the endpoint was fully checked' } })), { kind: 'not-checked', why: 'deadline before the endpoint was fully checked' });
  t.match(defaultEndpointDecision(mtlsEndpoint({ dockerApi: 'not-docker' })), { kind: 'not-applicable', why: /not the Docker API/ });
  t.match(defaultEndpointDecision(mtlsEndpoint({ dockerApi: 'unconfirmed' })), { kind: 'not-checked', why: /no way in reached the Docker API/ });
  t.match(defaultEndpointDecision(mtlsEndpoint({ dockerApi: 'not-docker', checked: { complete: false, reason: 'reset' } })), { kind: 'not-checked' }, 'an incomplete check is not checked before anything else');
});

t.test('config default: a configured dockerd whose start-up was read and whose daemon.json parses', async (t) => {
  t.same(defaultConfigDecision(config()), { kind: 'decided' });
  t.match(defaultConfigDecision(config({ root: '/mnt/host', daemon: { present: false } })), { kind: 'not-applicable', why: 'no dockerd is configured under /mnt/host' });
  t.match(defaultConfigDecision(config({ daemon: { startup: { kind: 'unknown', why: 'the OpenRC script could not be read' } } })), { kind: 'not-checked', why: /OpenRC script could not be read/ });
  t.match(defaultConfigDecision(config({ daemon: { daemonJsonError: { message: 'trailing comma', line: 4, column: 1 } } })), { kind: 'not-checked', why: /\/etc\/docker\/daemon\.json does not parse \(line 4\): trailing comma/ });
  t.same(defaultConfigDecision(config({ daemon: { startup: { kind: 'none' } } })), { kind: 'decided' }, 'settings written for a dockerd nothing starts yet are still judged');
  const unreadable = config({ daemon: { files: [{ ...config().daemon.files[0]!, readError: 'too large (2097152 bytes; the limit is 1048576 bytes, 1 MiB)' }] } });
  t.match(defaultConfigDecision(unreadable), { kind: 'not-checked', why: /\/etc\/docker\/daemon\.json could not be read \(too large/ }, 'an unreadable daemon.json may hold any setting: never a pass');
  const unlisted = config({ daemon: { unreadSettings: [{ source: '/etc/systemd/system/docker.service.d', why: 'docker.service.d cannot be listed (permission denied (EACCES))' }] } });
  t.match(defaultConfigDecision(unlisted), { kind: 'not-checked', why: /\/etc\/systemd\/system\/docker\.service\.d was not read \(docker\.service\.d cannot be listed/ }, 'settings not read may be anything: never a pass');
  const installedUnknown = config({ daemon: { present: false, startup: { kind: 'unknown', why: 'dockerd is installed (/usr/bin/dockerd), but no start-up dockprobe reads was found' } } });
  t.match(defaultConfigDecision(installedUnknown), { kind: 'not-checked', why: /dockerd is installed/ }, 'an installed dockerd of unknown start-up is not "no dockerd"');
});

t.test('file default: not checked when the file could not be read', async (t) => {
  t.same(defaultFileDecision(serverCert()), { kind: 'decided' });
  t.match(defaultFileDecision(serverCert({ kind: 'unreadable', readError: 'EACCES: permission denied', certificates: [] })), { kind: 'not-checked', why: /EACCES/ });
});

t.test('hooks where the default is wrong', async (t) => {
  const refusesAll = mtlsEndpoint({ dockerApi: 'unconfirmed', attempts: attempts({ plaintext: 'refused', 'tls-no-client-cert': 'refused', 'tls-untrusted-client-cert': 'refused' }), docker: null, info: null });
  t.same(endpointDecision(apiUnauthenticated, refusesAll, context), { kind: 'decided' }, 'a fully checked daemon that lets nobody in passes 2.7, though it never proved to be Docker');
  t.same(endpointDecision(apiTlsNoClientVerify, refusesAll, context), { kind: 'decided' });
  t.match(endpointDecision(apiUnauthenticated, { ...refusesAll, checked: { complete: false, reason: 'tls-no-client-cert got no whole answer' } }, context), { kind: 'not-checked' });
  t.match(endpointDecision(apiNoAuthzPlugin, refusesAll, context), { kind: 'not-checked' }, 'no access: plugins unknown');
  t.match(endpointDecision(apiNoAuthzPlugin, mtlsEndpoint({ info: null }), context), { kind: 'not-checked', why: /GET \/info/ });
  t.same(endpointDecision(apiNoAuthzPlugin, mtlsEndpoint(), context), { kind: 'decided' });

  const broken = config({ daemon: { daemonJsonError: { message: 'trailing comma', line: 4, column: 1 } } });
  t.match(configDecision(daemonTcpNoTls, broken, context), { kind: 'not-checked' });
  t.same(configDecision(daemonConfigInvalid, broken, context), { kind: 'decided' }, 'daemon-config-invalid decides exactly there');
  const unverifiable = config({ daemon: { tlsFiles: [{ directive: 'tlskey', path: '/etc/docker/k.pem', systemPath: '/etc/docker/k.pem', source: source(DAEMON_JSON, 6), problem: null, unverifiable: 'EACCES (not root)' }] } });
  t.match(configDecision(daemonTlsFilesMissing, unverifiable, context), { kind: 'not-checked', why: /\/etc\/docker\/k\.pem \(tlskey\).*EACCES/ });
  t.same(configDecision(daemonTlsFilesMissing, config(), context), { kind: 'decided' });
});

t.test('renderMessage fills placeholders once and refuses a missing one', async (t) => {
  const meta = { id: 'x-rule', messages: { hello: '{who} said "{what}" to {who}.' } };
  t.equal(renderMessage(meta, 'hello', { who: 'dockerd', what: '{who}' }), 'dockerd said "{who}" to dockerd.', 'data is not expanded again');
  t.throws(() => renderMessage(meta, 'hello', { who: 'dockerd' }), /names \{what\}, which the rule's data lacks/);
  t.throws(() => renderMessage(meta, 'bye', {}), /message "bye" is not in rules\/x-rule\.json/);
});

t.test('an endpoint not fully checked decides nothing, even for a rule whose hook would say it decided', async (t) => {
  const alwaysDecided = { id: 'hook-says-decided', checkEndpoint: () => [], decides: () => ({ kind: 'decided' as const }) };
  const cut = mtlsEndpoint({ checked: { complete: false, reason: 'the endpoint deadline (10s) passed' } });
  t.match(endpointDecision(alwaysDecided, cut, context), { kind: 'not-checked', why: /was not fully checked: the endpoint deadline/ });
  t.same(endpointDecision(alwaysDecided, mtlsEndpoint(), context), { kind: 'decided' });
});
