import t from 'tap';
import type { Finding } from '../../src/report/finding.js';
import { applyIgnoreEntries, hasExpired } from '../../src/suppress/apply-ignore-entries.js';
import { compilePlacePattern, placeNames } from '../../src/suppress/place-pattern.js';
import { parseIgnoreFile } from '../../src/suppress/read-ignore-file.js';
import { loadRuleMetadata } from '../../src/rule-engine/rule-metadata.js';
import { UsageError } from '../../src/usage-error.js';

const metadata = loadRuleMetadata();

function finding(overrides: Partial<Finding>): Finding {
  return { ruleId: 'tls-cert-expiring', severity: 'medium', title: 't', message: 'm', evidence: {}, ...overrides };
}

t.test('entries: rule id, optional pattern, optional expiry, required reason', async (t) => {
  const entries = parseIgnoreFile(
    [
      '# accepted risks, reviewed monthly',
      '',
      'tls-cert-expiring 10.0.0.5:2376 expires: 2026-12-31  # new cert ordered, OPS-123',
      'file-key-permissions /etc/docker/ssl/*-key.pem   # keys live on an encrypted tmpfs',
      'api-engine-eol # pinned by the vendor appliance',
    ].join('\n'),
    '.dockprobeignore',
    metadata,
    '/repo',
  );
  t.same(entries.map(({ baseDir, ...entry }) => (t.equal(baseDir, '/repo'), entry)), [
    { ruleId: 'tls-cert-expiring', pattern: '10.0.0.5:2376', expires: '2026-12-31', reason: 'new cert ordered, OPS-123', origin: '.dockprobeignore:3' },
    { ruleId: 'file-key-permissions', pattern: '/etc/docker/ssl/*-key.pem', expires: null, reason: 'keys live on an encrypted tmpfs', origin: '.dockprobeignore:4' },
    { ruleId: 'api-engine-eol', pattern: null, expires: null, reason: 'pinned by the vendor appliance', origin: '.dockprobeignore:5' },
  ]);
});

t.test('line forms: CRLF, a byte-order mark, tabs, "#" inside a path, "expires" as a folder name', async (t) => {
  const text = '\uFEFF# accepted\r\nfile-key-permissions\t/srv/h#dir/*.pem\t# hash in a folder name\r\nfile-key-permissions /srv/expires/k.pem  # a folder called expires\r\n';
  const entries = parseIgnoreFile(text, 'ig', metadata, '/');
  t.same(entries.map((e) => [e.ruleId, e.pattern, e.reason, e.origin]), [
    ['file-key-permissions', '/srv/h#dir/*.pem', 'hash in a folder name', 'ig:2'],
    ['file-key-permissions', '/srv/expires/k.pem', 'a folder called expires', 'ig:3'],
  ]);
});

t.test('a relative path pattern is read from the ignore file\'s folder, as in .gitignore', async (t) => {
  const [entry] = parseIgnoreFile('file-key-permissions certs/*-key.pem # tmpfs', '/work/repo/.dockprobeignore', metadata, '/work/repo');
  const inRepo = finding({ ruleId: 'file-key-permissions', path: '/work/repo/certs/server-key.pem' });
  const elsewhere = finding({ ruleId: 'file-key-permissions', path: '/work/other/certs/server-key.pem' });
  const result = applyIgnoreEntries([inRepo, elsewhere], [entry!], new Date('2026-11-23T00:00:00Z'));
  t.same(result.suppressed.map((f) => f.path), ['/work/repo/certs/server-key.pem']);
  t.same(result.kept.map((f) => f.path), ['/work/other/certs/server-key.pem']);
});

t.test('every mistake names FILE:LINE and says what to write', async (t) => {
  const cases: [string, RegExp][] = [
    ['tls-cert-expiring 10.0.0.5:2376', /^ig:1: give a reason after "#"/],
    ['tls-cert-expird  # typo', /^ig:1: "tls-cert-expird" is not a dockprobe rule id/],
    ['tls-cert-expiring expires: 2026-02-30 # no such day', /^ig:1: "expires: 2026-02-30" is not a calendar date/],
    ['tls-cert-expiring expires: 31.12.2026 # wrong form', /is not a calendar date; use YYYY-MM-DD/],
    ['tls-cert-expiring expires 2026-12-31 # missing colon', /write the end date as "expires: YYYY-MM-DD"/],
    ['tls-cert-expiring a b # two patterns', /a pattern has no spaces/],
  ];
  for (const [line, message] of cases) {
    let thrown: unknown;
    try {
      parseIgnoreFile(line, 'ig', metadata);
    } catch (error) {
      thrown = error;
    }
    t.ok(thrown instanceof UsageError, `${line}: a usage error`);
    t.match((thrown as Error).message, message, line);
  }
});

t.test('patterns: * within a segment, ** across, a bare host covers every port', async (t) => {
  t.ok(compilePlacePattern('/etc/docker/ssl/*-key.pem').test('/etc/docker/ssl/server-key.pem'));
  t.notOk(compilePlacePattern('/etc/docker/*.pem').test('/etc/docker/ssl/server-key.pem'), '* stays in one folder');
  t.ok(compilePlacePattern('/etc/docker/**.pem').test('/etc/docker/ssl/server-key.pem'), '** crosses folders');
  t.ok(compilePlacePattern('10.0.0.*:2376').test('10.0.0.17:2376'));
  t.notOk(compilePlacePattern('10.0.0.1').test('10.0.0.17'), 'dots are literal and the match is whole');
  t.same(placeNames({ target: '[fd00::5]:2376' }), ['[fd00::5]:2376', '[fd00::5]', 'fd00::5']);
  t.same(placeNames({ path: '/mnt/img/etc/docker/daemon.json', systemPath: '/etc/docker/daemon.json' }), ['/etc/docker/daemon.json', '/mnt/img/etc/docker/daemon.json']);
});

t.test('applying: matched findings move to suppressed with entry and reason; others stay', async (t) => {
  const entries = parseIgnoreFile('tls-cert-expiring 10.0.0.5 # rotating, OPS-1\nfile-key-permissions /etc/docker/**  # tmpfs', '.dockprobeignore', metadata);
  const findings = [
    finding({ target: '10.0.0.5:2376' }),
    finding({ target: '10.0.0.6:2376' }),
    finding({ ruleId: 'tls-cert-expired', target: '10.0.0.5:2376' }),
    finding({ ruleId: 'file-key-permissions', path: '/mnt/x/etc/docker/ssl/key.pem', systemPath: '/etc/docker/ssl/key.pem' }),
  ];
  const result = applyIgnoreEntries(findings, entries, new Date('2026-11-23T00:00:00Z'));
  t.same(result.kept.map((f) => `${f.ruleId} ${f.target ?? f.systemPath}`), ['tls-cert-expiring 10.0.0.6:2376', 'tls-cert-expired 10.0.0.5:2376']);
  t.same(result.suppressed.map((f) => f.suppressedBy), [
    { entry: '.dockprobeignore:1', reason: 'rotating, OPS-1', expires: null },
    { entry: '.dockprobeignore:2', reason: 'tmpfs', expires: null },
  ]);
  t.same(result.warnings, []);
});

t.test('expiry: the last day still suppresses; the day after, the finding is back and the report says why', async (t) => {
  const entries = parseIgnoreFile('tls-cert-expiring expires: 2026-12-31 # OPS-123', '.dockprobeignore', metadata);
  t.notOk(hasExpired(entries[0]!, new Date('2026-12-31T23:59:59Z')));
  t.ok(hasExpired(entries[0]!, new Date('2027-01-01T00:00:00Z')));
  const before = applyIgnoreEntries([finding({ target: 'h:2376' })], entries, new Date('2026-12-31T12:00:00Z'));
  t.equal(before.suppressed.length, 1);
  t.same(before.suppressed[0]!.suppressedBy.expires, '2026-12-31');
  const after = applyIgnoreEntries([finding({ target: 'h:2376' })], entries, new Date('2027-01-01T12:00:00Z'));
  t.equal(after.kept.length, 1);
  t.equal(after.suppressed.length, 0);
  t.match(after.warnings[0], /^\.dockprobeignore:1: the entry for tls-cert-expiring expired on 2026-12-31; its findings are reported again/);
});
