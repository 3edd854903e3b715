import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { parseComplianceFlags } from '../../src/cli/compliance-flags.js';
import { loadComplianceSpec, shippedSpecNames } from '../../src/compliance/compliance-spec.js';
import { UsageError } from '../../src/usage-error.js';

const dir = mkdtempSync(join(tmpdir(), 'dockprobe-spec-'));
const write = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

t.test('the shipped CIS Docker Benchmark v1.7.0 spec validates and covers sections 2 and 3 whole', async (t) => {
  t.ok(shippedSpecNames().includes('cis-docker-1.7.0'));
  const spec = loadComplianceSpec('cis-docker-1.7.0');
  const ids = spec.controls.map((control) => control.id);
  const expected = [...Array.from({ length: 18 }, (_, i) => `2.${i + 1}`), ...Array.from({ length: 24 }, (_, i) => `3.${i + 1}`)];
  t.same([...ids].sort(), [...expected].sort(), 'every control of sections 2 and 3, each once');
  t.same(ids, expected, 'in the benchmark\'s order');
  for (const control of spec.controls.filter((entry) => entry.id.startsWith('3.'))) {
    t.ok(control.object, `${control.id} names the file or directory it is about`);
    t.equal(control.rules.length, 1, `${control.id} is decided by one rule`);
  }
  t.same(spec.controls.find((control) => control.id === '2.7')!.rules.filter((id) => id.startsWith('api-')).length, 4, '2.7 is decided remotely too');
  t.match(spec.source, /sections 1 and 4-7/, 'the spec says what it leaves out');
});

t.test('--compliance with a bad spec is one line that names it and says what to do', async (t) => {
  const cases: [string, string, RegExp][] = [
    ['an unknown name', 'cis-docker-9.9', /no such spec; name one of cis-docker-1\.7\.0/],
    ['not JSON', write('broken.json', '{ "id": '), /cannot read it as JSON/],
    ['not a spec', write('other.json', JSON.stringify({ id: 'x', title: 'x' })), /not a compliance spec \(.*must have required property/],
    ['a control twice', write('twice.json', JSON.stringify({ id: 'x', title: 'x', version: '1', source: 's', controls: [
      { id: '1.1', title: 'a', section: '1', level: 1, assessment: 'manual', rules: [] },
      { id: '1.1', title: 'b', section: '1', level: 1, assessment: 'manual', rules: [] },
    ] })), /control 1\.1 is listed twice/],
    ['an unknown rule', write('unknown-rule.json', JSON.stringify({ id: 'x', title: 'x', version: '1', source: 's', controls: [
      { id: '1.1', title: 'a', section: '1', level: 1, assessment: 'automated', rules: ['no-such-rule'] },
    ] })), /names rule "no-such-rule", which dockprobe does not have/],
    ['object on a rule whose findings name none', write('object-rule.json', JSON.stringify({ id: 'x', title: 'x', version: '1', source: 's', controls: [
      { id: '3.17', title: 'a', section: '3', level: 1, assessment: 'automated', rules: ['daemon-icc-enabled'], object: 'daemon.json' },
    ] })), /control 3\.17 has "object" but names rule "daemon-icc-enabled", whose findings name no object/],
  ];
  for (const [name, given, message] of cases) {
    t.throws(() => parseComplianceFlags(given, []), UsageError, name);
    try {
      parseComplianceFlags(given, []);
    } catch (error) {
      t.match((error as Error).message, message, name);
      t.notMatch((error as Error).message, /\n/, `${name}: one line`);
    }
  }
});

t.test('--report takes Trivy\'s summary|all beside FORMAT:FILE', async (t) => {
  const spec = write('tiny.json', JSON.stringify({ id: 'tiny', title: 'tiny', version: '1', source: 's', controls: [
    { id: '2.7', title: 'tls', section: '2', level: 1, assessment: 'automated', rules: ['api-unauthenticated'] },
  ] }));
  const all = parseComplianceFlags(spec, ['all', 'sarif:out.sarif']);
  t.equal(all.compliance?.reportType, 'all');
  t.same(all.outputs, ['sarif:out.sarif'], 'an extra output stays an extra output');
  t.equal(parseComplianceFlags(spec, []).compliance?.reportType, 'summary', 'summary is the default');
  t.same(parseComplianceFlags(undefined, ['json:x.json']), { compliance: null, outputs: ['json:x.json'] });
  t.throws(() => parseComplianceFlags(undefined, ['summary']), /--report summary: a compliance report type, which needs --compliance SPEC/);
  t.throws(() => parseComplianceFlags(spec, ['summary', 'all']), /choose one of summary, all/);
  t.throws(() => parseComplianceFlags(' ', []), /--compliance needs a spec/);
});
