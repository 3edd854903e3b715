/**
 * When the silence of daemon-file-owner and daemon-file-mode is a pass (their decides hook):
 * the host dockerd's configuration as the default decides it; a rootless daemon's files are not
 * theirs to judge; a report from before 1.8.0 recorded no section 3 files.
 */
import t from 'tap';
import type { ConfigObservation } from '../../src/config/config-observation.js';
import { CONFIG_RULES } from '../../src/rules/config-rules.js';
import type { RuleContext } from '../../src/rules/rule.js';
import { config, daemon } from '../support/config-observation-builder.js';
import { hardenedProtectedFiles } from '../support/protected-file-builder.js';

const context: RuleContext = { now: new Date('2026-06-01T00:00:00Z'), params: {} };
const rules = CONFIG_RULES.filter((rule) => rule.id === 'daemon-file-owner' || rule.id === 'daemon-file-mode');

t.equal(rules.length, 2, 'both rules are registered');

for (const rule of rules) {
  t.test(rule.id, async (t) => {
    const decides = rule.decides!;
    t.ok(decides, 'has its own decides hook');
    const host = config({ daemon: { protectedFiles: hardenedProtectedFiles() } });
    t.same(decides(host, context), { kind: 'decided' }, 'the host dockerd, read and parsed: decided');

    const rootless = daemon({ rootless: true });
    const withRootless = config({ daemon: { protectedFiles: hardenedProtectedFiles() }, otherDaemons: [rootless] });
    t.match(decides({ ...withRootless, daemon: rootless }, context), { kind: 'not-applicable', why: /host dockerd/ }, 'a rootless daemon, as the engine passes it: not applicable');
    t.same(decides(withRootless, context), { kind: 'decided' }, 'the host daemon beside it still decides');

    const before18 = config();
    delete (before18.daemon as Partial<ConfigObservation['daemon']>).protectedFiles;
    t.match(decides(before18, context), { kind: 'not-checked', why: /before report format 1\.8\.0/ });

    t.match(decides(config({ daemon: { startup: { kind: 'unknown', why: 'an init script dockprobe does not read' } } }), context), { kind: 'not-checked', why: /init script/ }, 'the config default: start-up unknown is not checked');
    t.match(decides(config({ daemon: { present: false } }), context), { kind: 'not-applicable' }, 'no dockerd here');
  });
}
