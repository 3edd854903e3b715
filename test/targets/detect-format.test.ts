import t from 'tap';
import { loadTargetsFile, readTargetsFile } from '../../src/targets/read-targets-file.js';
import { UsageError } from '../../src/usage-error.js';
import { targetsFolder } from '../support/targets-file-fixture.js';

const folder = targetsFolder(t);
const TRIED = 'a plain list of targets, nmap -oX/-oG, masscan -oJ/-oL or zmap CSV output';

t.test('plain lists stay plain lists, whatever their first line looks like', async (t) => {
  const cases: [string, string, number][] = [
    ['v6.txt', '[::1]:2376\n[fd00::1]\n', 2],
    ['nmap-comment.txt', '# Nmap found these, cleaned up by hand\n10.6.0.5:2375\n', 1],
    ['host-word.txt', 'hostname.example\n', 1],
    ['crlf.txt', '10.6.0.5\r\n10.6.0.6:2376\r\n', 2],
    ['empty.txt', '', 0],
    ['comments-only.txt', '# nothing yet\n\n', 0],
  ];
  for (const [name, content, count] of cases) {
    const { format, specs } = loadTargetsFile(folder.write(name, content));
    t.equal(format, 'plain', `${name}: plain`);
    t.equal(specs.length, count, `${name}: ${count} target(s)`);
  }
});

t.test('a plain list with a bad line still names that line', async (t) => {
  const file = folder.write('typo.txt', '10.6.0.5\n10.6.0.300\n');
  t.throws(() => readTargetsFile(file), { name: 'UsageError', message: new RegExp(`^target "10\\.6\\.0\\.300" \\(${file}:2\\): "10\\.6\\.0\\.300" is not a valid IPv4 address$`) });
});

t.test('binary data: one line naming what was tried, not a complaint about its "first target"', async (t) => {
  const cases: [string, Buffer][] = [
    ['nul.bin', Buffer.from('10.6.0.5\n\u0000\u0001\u0002garbage\n', 'latin1')],
    ['not-utf8.bin', Buffer.from([0x31, 0x30, 0x2e, 0xff, 0xfe, 0x0a])],
    ['gzip.txt.gz', Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03])],
  ];
  for (const [name, content] of cases) {
    const file = folder.write(name, content);
    t.throws(() => readTargetsFile(file), {
      name: 'UsageError',
      message: `--targets-file "${file}": not one of ${TRIED} (it holds binary data (control bytes, or bytes that are not UTF-8 text)); give one of those`,
    }, name);
  }
});

t.test('a text file in which no line is a target: what was tried, and why line 1 is no target', async (t) => {
  const file = folder.write('export.csv', 'ip,port,state\n10.6.0.5,2375,open\n');
  let error: unknown;
  try {
    readTargetsFile(file);
  } catch (caught) {
    error = caught;
  }
  t.type(error, UsageError);
  t.equal(
    (error as Error).message,
    `--targets-file "${file}": no line is a target (target "ip,port,state" (${file}:1): "ip,port,state" is not a valid hostname or IP address), and it is not nmap -oX/-oG, masscan -oJ/-oL or zmap CSV output either; give one target per line, or one of those`,
  );
});

t.test('each discovery format is told by its start, whatever the file is called', async (t) => {
  const cases: [string, string][] = [
    ['<?xml version="1.0"?>\n<nmaprun scanner="nmap">\n</nmaprun>\n', 'nmap-xml'],
    ['\ufeff<nmaprun>\n</nmaprun>\n', 'nmap-xml'],
    ['# Nmap 7.94 scan initiated as: nmap -oG - 10.6.0.5\n# Nmap done\n', 'nmap-grepable'],
    ['#masscan\n# end\n', 'masscan-list'],
    ['[\n]\n', 'masscan-json'],
    ['{"ip": "10.6.0.5", "ports": []}\n', 'masscan-json'],
    ['saddr\n', 'zmap-csv'],
    ['saddr,daddr,sport,dport\n', 'zmap-csv'],
  ];
  for (const [content, format] of cases) {
    t.equal(loadTargetsFile(folder.write('targets', content)).format, format, JSON.stringify(content.slice(0, 30)));
  }
});
