/**
 * When the section 2 API rules may call their silence a pass (their decides hooks): only when
 * GET /info was read and carried the field they judge. No API access, an unanswered /info, or a
 * field the daemon did not send is NOT CHECKED with the reason; nothing listening stays NOT
 * APPLICABLE; Debug false never passes 2.3.
 */
import t from 'tap';
import type { DockerInfoFacts } from '../../src/network/endpoint-observation.js';
import { ENDPOINT_RULES } from '../../src/rules/endpoint-rules.js';
import type { EndpointRule, RuleContext } from '../../src/rules/rule.js';
import { attempts, infoFacts, mtlsEndpoint } from '../support/observation-builder.js';

const CONTEXT: RuleContext = { now: new Date('2026-06-01T00:00:00Z'), params: { localDrivers: 'json-file,local,none,journald' } };
const SECURITY_OPTIONS = ['name=apparmor', 'name=seccomp,profile=builtin', 'name=cgroupns'];

/** Each rule, and the fact it needs set to "the daemon did not send it". */
const UNSENT: Record<string, Partial<DockerInfoFacts>> = {
  'api-rootful': { securityOptions: [] },
  'api-icc-enabled': { defaultBridgeIcc: null },
  'api-debug-logging': { debug: null },
  'api-insecure-registry': { insecureRegistries: null },
  'api-aufs-storage': { driver: null },
  'api-userns-off': { securityOptions: [] },
  'api-local-logging': { loggingDriver: null },
  'api-live-restore-off': { liveRestoreEnabled: null },
  'api-seccomp-unconfined': { securityOptions: ['name=apparmor'] },
  'api-experimental': { experimentalBuild: null },
};

const rule = (id: string): EndpointRule => {
  const found = ENDPOINT_RULES.find((candidate) => candidate.id === id);
  if (!found?.decides) throw new Error(`${id} is not registered with a decides hook`);
  return found;
};

for (const [id, unsent] of Object.entries(UNSENT)) {
  t.test(id, async (t) => {
    const decides = (observation: ReturnType<typeof mtlsEndpoint>) => rule(id).decides!(observation, CONTEXT);
    const full = mtlsEndpoint({ info: infoFacts({ securityOptions: SECURITY_OPTIONS, debug: true }) });
    t.same(decides(full), { kind: 'decided' }, 'decided on a daemon that said it');

    const blind = mtlsEndpoint({ info: null, docker: null, dockerApi: 'unconfirmed', attempts: attempts({ plaintext: 'refused', 'tls-no-client-cert': 'refused', 'tls-untrusted-client-cert': 'refused' }) });
    const noAccess = decides(blind);
    t.equal(noAccess.kind, 'not-checked', 'no API access: not checked');
    t.match((noAccess as { why: string }).why, /no API access on 127\.0\.0\.1:2376.*--tlscert FILE --tlskey FILE, or --cert-path DIR/);

    const unanswered = decides(mtlsEndpoint({ info: null }));
    t.equal(unanswered.kind, 'not-checked', 'access, but /info not read: not checked');
    t.match((unanswered as { why: string }).why, /GET \/info on 127\.0\.0\.1:2376 got no whole answer/);

    const silent = decides(mtlsEndpoint({ info: infoFacts({ securityOptions: SECURITY_OPTIONS, debug: true, ...unsent }) }));
    t.equal(silent.kind, 'not-checked', 'the field not sent: not checked');
    t.match((silent as { why: string }).why, /^127\.0\.0\.1:2376: /);

    t.equal(decides(mtlsEndpoint({ state: 'closed', info: null, dockerApi: 'unconfirmed' })).kind, 'not-applicable', 'nothing listening: not applicable');
    t.equal(decides(mtlsEndpoint({ info: null, checked: { complete: false, reason: 'the endpoint deadline (10s) passed' } })).kind, 'not-checked', 'not fully checked: not checked');
  });
}

t.test('api-debug-logging: Debug false decides nothing, since /info has no log level', async (t) => {
  const decision = rule('api-debug-logging').decides!(mtlsEndpoint({ info: infoFacts({ debug: false }) }), CONTEXT);
  t.equal(decision.kind, 'not-checked');
  t.match((decision as { why: string }).why, /\/info shows only whether debug is on; the log level is in the configuration/);
});

t.test('api-icc-enabled: an unknown bridge says there may be none', async (t) => {
  const decision = rule('api-icc-enabled').decides!(mtlsEndpoint({ info: infoFacts({ defaultBridgeIcc: null }) }), CONTEXT);
  t.match((decision as { why: string }).why, /no default bridge network \(dockerd --bridge=none\), or GET \/networks\/bridge gave no answer/);
});
