/**
 * The answer to GET /networks/bridge, read for icc on the default bridge (CIS Docker 2.2). The
 * whole request path (same connection, read cap, timeout) is exercised against look-alikes and
 * real dockerd in test/integration/api-info-facts.test.ts; here each kind of answer.
 */
import t from 'tap';
import { defaultBridgeIcc } from '../../src/network/default-bridge.js';
import type { HttpResult } from '../../src/network/http-get.js';

const answer = (status: number, body: unknown, truncated = false): HttpResult => ({
  ok: true,
  response: { status, headers: {}, body: typeof body === 'string' ? body : JSON.stringify(body), truncated },
});

/** As dockerd 20.10 answers for its default bridge (trimmed: no containers, no IPAM details). */
const bridge = (icc: unknown) => ({
  Name: 'bridge', Id: 'f3b1', Scope: 'local', Driver: 'bridge', EnableIPv6: false, Internal: false, Attachable: false,
  Containers: { abc: { Name: 'web', IPv4Address: '172.17.0.2/16' } },
  Options: {
    'com.docker.network.bridge.default_bridge': 'true',
    ...(icc === undefined ? {} : { 'com.docker.network.bridge.enable_icc': icc }),
    'com.docker.network.bridge.enable_ip_masquerade': 'true',
    'com.docker.network.bridge.name': 'docker0',
  },
});

t.test('enable_icc "true" and "false" are read as they are', async (t) => {
  t.same(defaultBridgeIcc(answer(200, bridge('true'))), { icc: true, shortfall: '' });
  t.same(defaultBridgeIcc(answer(200, bridge('false'))), { icc: false, shortfall: '' });
});

t.test('no default bridge (dockerd --bridge=none answers 404): null, and the detail says so', async (t) => {
  const result = defaultBridgeIcc(answer(404, { message: 'network bridge not found' }));
  t.equal(result.icc, null);
  t.match(result.shortfall, /no default bridge network \(GET \/networks\/bridge answered HTTP 404\), so icc on the default bridge is not known/);
});

t.test('every other answer leaves icc unknown, never guessed', async (t) => {
  const cases: [string, HttpResult, RegExp][] = [
    ['a timeout', { ok: false, failure: { kind: 'timeout', code: 'TIMEOUT', message: 'no complete answer within 5000 ms' } }, /failed \(TIMEOUT: no complete answer within 5000 ms\)/],
    ['HTTP 500', answer(500, { message: 'oops' }), /answered HTTP 500/],
    ['HTTP 403 (an authorization plugin said no)', answer(403, { message: 'denied' }), /answered HTTP 403/],
    ['cut at the read cap', answer(200, bridge('false'), true), /longer than the 1 MiB read cap/],
    ['not JSON', answer(200, '<html>'), /is not JSON/],
    ['JSON null', answer(200, 'null'), /not a bridge network named "bridge"/],
    ['another network', answer(200, { ...bridge('false'), Name: 'my-net' }), /not a bridge network named "bridge"/],
    ['another driver', answer(200, { ...bridge('false'), Driver: 'macvlan' }), /not a bridge network named "bridge"/],
    ['no enable_icc option', answer(200, bridge(undefined)), /carry no "com\.docker\.network\.bridge\.enable_icc"/],
    ['enable_icc a boolean, not the string dockerd writes', answer(200, bridge(false)), /carry no/],
    ['enable_icc "yes"', answer(200, bridge('yes')), /carry no/],
    ['Options null', answer(200, { ...bridge('true'), Options: null }), /carry no/],
  ];
  for (const [name, result, why] of cases) {
    const read = defaultBridgeIcc(result);
    t.equal(read.icc, null, `${name}: null`);
    t.match(read.shortfall, why, `${name}: the reason`);
  }
});

t.test('nothing but icc is kept from the network', async (t) => {
  const text = JSON.stringify(defaultBridgeIcc(answer(200, bridge('true'))));
  for (const other of ['172.17.0.2', 'web', 'docker0', 'f3b1']) t.notOk(text.includes(other), `${other} stays out`);
});
