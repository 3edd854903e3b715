/**
 * Our Docker-identity and /info parsers, checked against answers recorded from real dockerd
 * (fixtures/docker-api/dockerd-<version>/, made by fixtures/docker-api/record.sh). The live
 * integration tests cover the same path end to end; these pin the exact bytes a daemon sent,
 * so a parser change that breaks on a real daemon fails here, in milliseconds, without root.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { parseDockerVersion, pingLooksLikeDocker } from '../../src/network/docker-api-identity.js';
import { defaultBridgeIcc } from '../../src/network/default-bridge.js';
import { extractInfoFacts } from '../../src/network/docker-info.js';
import type { HttpResponse } from '../../src/network/http-get.js';

const fixturesDir = join(import.meta.dirname, '../../fixtures/docker-api');
const recordings = readdirSync(fixturesDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && entry.name.startsWith('dockerd-'))
  .map((entry) => join(fixturesDir, entry.name));

/** "HTTP/1.1 200 OK\nName: value\n…" as curl -D wrote it, into the shape our HTTP client returns. */
function recordedResponse(headerText: string, body: string): HttpResponse {
  const [statusLine, ...lines] = headerText.split('\n').filter((line) => line !== '');
  const status = Number(/^HTTP\/[\d.]+ (\d{3})/.exec(statusLine ?? '')?.[1]);
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { status, headers, body, truncated: false };
}

t.ok(recordings.length > 0, 'at least one dockerd recording is committed');

for (const dir of recordings) {
  t.test(dir.split('/').at(-1)!, async (t) => {
    const pingHeaders = readFileSync(join(dir, 'ping.headers'), 'utf8');
    const versionBody = readFileSync(join(dir, 'version.json'), 'utf8');
    const infoBody = readFileSync(join(dir, 'info.json'), 'utf8');
    const ping = recordedResponse(pingHeaders, 'OK');

    t.ok(pingLooksLikeDocker(ping), 'the recorded /_ping is recognised as Docker');
    t.notOk(pingLooksLikeDocker({ ...ping, headers: { ...ping.headers, server: 'nginx/1.22.1' } }), 'the same answer from another server is not');

    const version = parseDockerVersion({ status: 200, headers: {}, body: versionBody, truncated: false });
    const raw = JSON.parse(versionBody) as { Version: string; ApiVersion: string; GitCommit: string };
    t.match(version, { version: raw.Version, apiVersion: raw.ApiVersion, gitCommit: raw.GitCommit });
    t.equal(version?.apiVersion, ping.headers['api-version'], '/version and the /_ping header agree on the API version');

    const info = extractInfoFacts(infoBody);
    t.ok(info, '/info parses');
    t.same(info!.authorizationPlugins, [], 'a stock daemon reports no authorization plugin');
    t.notMatch(JSON.stringify(info), JSON.parse(infoBody).ID as string, 'the engine ID is not carried (allow-list)');

    // The CIS section 2 facts, against what this daemon itself said: record.sh starts it with
    // an empty daemon.json, so every one of them is dockerd's default, and none is missing.
    const said = JSON.parse(infoBody) as Record<string, unknown>;
    t.match(info, {
      liveRestoreEnabled: said.LiveRestoreEnabled,
      loggingDriver: said.LoggingDriver,
      driver: said.Driver,
      experimentalBuild: said.ExperimentalBuild,
      debug: said.Debug,
    });
    for (const field of ['liveRestoreEnabled', 'loggingDriver', 'driver', 'experimentalBuild', 'debug', 'insecureRegistries'] as const) {
      t.not(info![field], null, `${field} is read from a real daemon's /info`);
    }
    t.same(info!.insecureRegistries, [], "only dockerd's built-in loopback CIDRs are insecure, and they are not reported");
    t.equal(info!.defaultBridgeIcc, null, 'not in /info');

    // GET /networks/bridge, from the daemon without a default bridge (404) and from one with it.
    const none = recordedResponse(readFileSync(join(dir, 'networks-bridge-none.headers'), 'utf8'), readFileSync(join(dir, 'networks-bridge-none.json'), 'utf8'));
    t.equal(none.status, 404, 'dockerd --bridge=none answers 404');
    t.match(defaultBridgeIcc({ ok: true, response: none }), { icc: null, shortfall: /no default bridge network/ });
    const bridgeBody = readFileSync(join(dir, 'networks-bridge.json'), 'utf8');
    const bridge = defaultBridgeIcc({ ok: true, response: { status: 200, headers: {}, body: bridgeBody, truncated: false } });
    t.same(bridge, { icc: true, shortfall: '' }, "a stock daemon's default bridge has icc on");
    const iccOff = bridgeBody.replace('"com.docker.network.bridge.enable_icc":"true"', '"com.docker.network.bridge.enable_icc":"false"');
    t.not(iccOff, bridgeBody, 'the recording carries enable_icc as dockerd writes it');
    t.equal(defaultBridgeIcc({ ok: true, response: { status: 200, headers: {}, body: iccOff, truncated: false } }).icc, false, 'the same answer with --icc=false');

    // Daemons before 20.10 printed proxy passwords in /info as they were: we must redact them ourselves.
    const unmasked = JSON.stringify({ ...JSON.parse(infoBody), HttpProxy: 'http://fixture-user:fixture-secret@proxy.invalid:3128' });
    const redacted = extractInfoFacts(unmasked);
    t.equal(redacted?.httpProxy, 'http://redacted@proxy.invalid:3128');
  });
}
