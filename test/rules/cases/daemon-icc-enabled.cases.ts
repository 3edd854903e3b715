import type { ConfigObservation } from '../../../src/config/config-observation.js';
import { setting } from '../../support/config-observation-builder.js';
import { hardened, JSON_UNREADABLE, NO_DAEMON, NO_DAEMON_JSON, rootlessDaemon, STARTUP_UNKNOWN } from '../../support/hardening-observation-builder.js';
import type { InvalidCase, ValidCase } from '../../support/rule-tester.js';

/** daemon-icc-enabled: cases it must stay silent on, and cases it must fire on. */

export const valid: ValidCase<ConfigObservation>[] = [
  { name: 'icc false in daemon.json', observation: hardened({ icc: [setting(false, 'json', 4)] }) },
  { name: '--icc=false', observation: hardened({ icc: [setting(false, 'flag', 7)] }) },
  { name: 'not set, but daemon.json unreadable: could not check, no finding', observation: hardened({}, JSON_UNREADABLE) },
  { name: 'not set, start-up unknown', observation: hardened({}, STARTUP_UNKNOWN) },
  { name: 'no dockerd', observation: hardened({}, NO_DAEMON) },
  { name: '"bridge": "none": no default bridge, nothing for icc to restrict', observation: hardened({ bridge: [setting('none', 'json', 3)] }) },
  { name: '-b none on the command line wins over a bridge named in daemon.json', observation: hardened({ bridge: [setting('docker1', 'json', 3), setting('none', 'flag', 7)] }) },
];

export const invalid: InvalidCase<ConfigObservation>[] = [
  { name: 'a bridge of its own name still has icc: icc true, at its line', observation: hardened({ bridge: [setting('docker1', 'json', 3)], icc: [setting(true, 'json', 5)] }), errors: [{ messageId: 'icc-on', line: 5 }] },
  { name: 'icc true, at its line', observation: hardened({ icc: [setting(true, 'json', 5)] }), errors: [{ messageId: 'icc-on', line: 5 }] },
  { name: 'not set: the default is on', observation: hardened({}), errors: [{ messageId: 'icc-default' }] },
  { name: 'not set and no daemon.json: points at the unit', observation: hardened({}, NO_DAEMON_JSON), errors: [{ messageId: 'icc-default' }] },
  { name: 'the flag wins over daemon.json', observation: hardened({ icc: [setting(false, 'json', 4), setting(true, 'flag', 8)] }), errors: [{ messageId: 'icc-on', line: 8 }] },
  { name: 'each daemon judged: the rootless one leaves it on', observation: { ...hardened({ icc: [setting(false, 'json', 4)] }), otherDaemons: [rootlessDaemon()] }, errors: [{ messageId: 'icc-default' }] },
];
