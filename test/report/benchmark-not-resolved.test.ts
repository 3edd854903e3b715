import t from 'tap';
import type { ConfigObservation } from '../../src/config/config-observation.js';
import type { MachineIdentity } from '../../src/machine/machine.js';
import type { Finding } from '../../src/report/finding.js';
import { buildScanReport, type ScanReport } from '../../src/report/scan-report.js';
import { splitGone } from '../../src/report/unchecked-findings.js';
import { emptySummary } from '../../src/scan/scan-summary.js';
import { configFile, DAEMON_JSON } from '../support/config-observation-builder.js';
import { hardened } from '../support/hardening-observation-builder.js';

/**
 * A hardening finding that is gone from a newer report is resolved only where that report ran
 * the hardening checks and its rule could decide: never because the rule was skipped (no
 * --compliance) or could not read what it judges.
 */
const WEB: MachineIdentity = { key: 'web-01/1', label: 'web-01', hostname: 'web-01', machineId: null, source: 'system' };
const NOW = new Date('2026-06-01T00:00:00Z');
const gone: Finding = {
  ruleId: 'daemon-userns-remap-off', severity: 'medium', title: 'userns', message: 'userns-remap is not set', evidence: { usernsRemap: null },
  path: DAEMON_JSON, machine: WEB.key, fingerprint: 'f1',
};

function newer(config: ConfigObservation, benchmarkRules: boolean): ScanReport {
  return buildScanReport({
    startedAt: NOW, finishedAt: NOW, endpoints: [], findings: [], errors: [], summary: emptySummary(), config, machine: WEB, benchmarkRules,
    scope: { kind: 'config', targets: null, ports: null, excluded: [], configRoot: '/', paths: null },
  });
}

t.test('gone, where the hardening checks ran and could decide: resolved', async (t) => {
  const { resolved, unchecked } = splitGone([gone], newer(hardened({ usernsRemap: [] }), true));
  t.equal(resolved.length, 1, unchecked.map((entry) => entry.reason).join('; '));
});

t.test('gone because the newer run did not run the hardening checks: not checked', async (t) => {
  const { resolved, unchecked } = splitGone([gone], newer(hardened({}), false));
  t.same(resolved, []);
  t.match(unchecked[0]!.reason, /benchmark hardening check, which did not run this time/);
});

t.test('gone because the rule could not read the settings this time (the unit unreadable): not checked', async (t) => {
  const unreadableUnit = hardened({}, { files: [configFile(DAEMON_JSON, 'daemon-json'), { ...configFile('/lib/systemd/system/docker.service', 'systemd-unit', null), readError: 'EACCES: permission denied' }] });
  const { resolved, unchecked } = splitGone([gone], newer(unreadableUnit, true));
  t.same(resolved, []);
  t.match(unchecked[0]!.reason, /could not decide this time: .*docker\.service could not be read/);
});

t.test('a section 3 finding whose file was not looked at this time: not checked', async (t) => {
  const mode: Finding = { ruleId: 'daemon-file-mode', severity: 'medium', title: 'mode', message: '/etc/docker is 0777', evidence: { object: 'etc-docker', mode: '0777' }, path: '/etc/docker', machine: WEB.key, fingerprint: 'f2' };
  const observation = hardened({});
  const unknown = { ...observation, daemon: { ...observation.daemon, protectedFiles: [], protectedObjectsAbsent: [], protectedObjectsUnknown: [{ object: 'etc-docker', why: 'a symbolic link loop at /etc/docker' }] } } as ConfigObservation;
  const { resolved, unchecked } = splitGone([mode], newer(unknown, true));
  t.same(resolved, []);
  t.match(unchecked[0]!.reason, /symbolic link loop/);
});
