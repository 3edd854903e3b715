/**
 * A discovery scan that was stopped, or a file copied before the tool finished, must never be
 * read as a shorter list of open ports: every cut of an nmap -oX or masscan -oJ file is either
 * refused with one line, or (cut before anything at all) an empty list.
 */
import t, { type Test } from 'tap';
import { readTargetsFile } from '../../src/targets/read-targets-file.js';
import { UsageError } from '../../src/usage-error.js';
import { targetsFolder } from '../support/targets-file-fixture.js';

const folder = targetsFolder(t);

const NMAP_XML = [
  '<?xml version="1.0" encoding="UTF-8"?>',
  '<!DOCTYPE nmaprun>',
  '<nmaprun scanner="nmap" args="nmap -n -p 2375 -oX - 10.7.0.0/30" version="7.94">',
  '<host><status state="up" reason="syn-ack"/>',
  '<address addr="10.7.0.1" addrtype="ipv4"/>',
  '<ports><port protocol="tcp" portid="2375"><state state="open" reason="syn-ack"/></port></ports>',
  '</host>',
  '<host><status state="up" reason="syn-ack"/>',
  '<address addr="10.7.0.2" addrtype="ipv4"/>',
  '<ports><port protocol="tcp" portid="2375"><state state="open" reason="syn-ack"/></port></ports>',
  '</host>',
  '<runstats><finished time="1" exit="success"/></runstats>',
  '</nmaprun>',
  '',
].join('\n');

const MASSCAN_JSON = [
  '[',
  '{   "ip": "10.7.0.1",   "timestamp": "1767600000", "ports": [ {"port": 2375, "proto": "tcp", "status": "open", "reason": "syn-ack", "ttl": 64} ] }',
  ',',
  '{   "ip": "10.7.0.2",   "timestamp": "1767600000", "ports": [ {"port": 2375, "proto": "tcp", "status": "open", "reason": "syn-ack", "ttl": 64} ] }',
  ']',
  '',
].join('\n');

function cutEverywhere(t: Test, name: string, whole: string, end: string, label: RegExp): void {
  t.equal(readTargetsFile(folder.write(name, whole)).length, 2, 'the whole file: both hosts');
  const complete = whole.lastIndexOf(end) + end.length;
  const outcomes = new Map<string, number>();
  for (let length = 1; length < complete; length++) {
    const file = folder.write(name, whole.slice(0, length));
    let outcome: string;
    try {
      const specs = readTargetsFile(file);
      outcome = specs.length === 0 && whole.slice(0, length).trim() === '' ? 'empty' : `read ${specs.length} target(s) from the first ${length} characters`;
    } catch (error) {
      const message = (error as Error).message;
      outcome = !(error instanceof UsageError) ? `threw ${String(error)}` : message.includes('\n') ? 'a message of several lines' : label.test(message) ? 'refused' : `refused as something else: ${message}`;
    }
    outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
  }
  t.same([...outcomes.keys()].filter((outcome) => outcome !== 'refused' && outcome !== 'empty'), [], `each of ${complete - 1} cuts is refused`);
}

t.test('nmap -oX cut anywhere before </nmaprun>', async (t) => {
  cutEverywhere(t, 'cut.xml', NMAP_XML, '</nmaprun>', /read as nmap XML \(-oX\)|not one of .*it is XML or HTML, but not nmap's/);
});

t.test('masscan -oJ cut anywhere before its closing ]', async (t) => {
  cutEverywhere(t, 'cut.json', MASSCAN_JSON, '\n]', /read as masscan JSON \(-oJ\)/);
});
