import t from 'tap';
import { loadTargetsFile, readTargetsFile } from '../../src/targets/read-targets-file.js';
import { targetLines, targetsFolder } from '../support/targets-file-fixture.js';

const folder = targetsFolder(t);
const TAB = '\t';

t.test('the open TCP ports of each "Host:" line with Ports, on that line', async (t) => {
  const file = folder.write(
    'scan.gnmap',
    [
      '# Nmap 7.94 scan initiated Mon Jan  5 10:00:00 2026 as: nmap -n -p 2375,2376,8080 -oG scan.gnmap 10.2.0.0/24',
      `Host: 10.2.0.5 ()${TAB}Status: Up`,
      `Host: 10.2.0.5 ()${TAB}Ports: 2375/open/tcp//docker///, 2376/closed/tcp//docker-s///, 8080/filtered/tcp//http-proxy///, 53/open/udp//domain///${TAB}Ignored State: closed (997)`,
      `Host: 10.2.0.6 (docker2.example)${TAB}Status: Down`,
      `Host: 10.2.0.7 (docker3.example)${TAB}Ports: 2376/open/tcp//ssl|docker//Docker 20.10, TLS///, 8080/open|filtered/tcp//http-proxy///`,
      `Host: fd00::0b ()${TAB}Ports: 2375/open/tcp//docker///`,
      `Host: 10.2.0.8 ()${TAB}Ports: 2375/closed/tcp//docker///`,
      '# Nmap done at Mon Jan  5 10:00:09 2026 -- 256 IP addresses (4 hosts up) scanned in 9.10 seconds',
      '',
    ].join('\n'),
  );
  const { format, specs } = loadTargetsFile(file);
  t.equal(format, 'nmap-grepable');
  t.same(targetLines(specs), [
    { input: '10.2.0.5:2375', port: 2375, line: 3 },
    { input: '10.2.0.7:2376', port: 2376, line: 5 },
    { input: '[fd00::b]:2375', port: 2375, line: 6 },
  ], 'closed, filtered, open|filtered and UDP ports are not targets; a comma in the version text is not an entry');
  t.equal(specs[1]!.kind === 'host' && specs[1]!.host, '10.2.0.7', 'the address, not the name in parentheses');
  t.same(specs[0]!.source, { file, line: 3 });
});

t.test('a grepable file without the "# Nmap" header is still recognised by its Host: lines', async (t) => {
  const file = folder.write('hosts.txt', `Host: 127.0.0.1 ()${TAB}Ports: 2375/open/tcp//docker///\r\n`);
  t.same(targetLines(readTargetsFile(file)), [{ input: '127.0.0.1:2375', port: 2375, line: 1 }]);
});

t.test('nothing open: no targets, no error', async (t) => {
  const file = folder.write('none.gnmap', `# Nmap 7.94 scan initiated as: nmap -oG none.gnmap 10.2.0.9\nHost: 10.2.0.9 ()${TAB}Status: Down\n# Nmap done -- 1 IP address (0 hosts up)\n`);
  t.same(loadTargetsFile(file), { format: 'nmap-grepable', specs: [] });
});

t.test('a line nmap does not write: one line naming file, format and line', async (t) => {
  const header = '# Nmap 7.94 scan initiated as: nmap -oG x 10.2.0.5';
  const cases: [string, string, RegExp][] = [
    ['stray.gnmap', `${header}\n10.2.0.5:2375\n`, /line 2: "10\.2\.0\.5:2375" is neither a "Host: " line nor a # comment/],
    ['ports.gnmap', `${header}\nHost: 10.2.0.5 ()${TAB}Ports: open on 2375\n`, /line 2: the Ports field "open on 2375" is not nmap's port\/state\/protocol\/\.\.\. list/],
    ['address.gnmap', `${header}\nHost: docker1.example ()${TAB}Ports: 2375/open/tcp//docker///\n`, /line 2: "docker1\.example" is not an IPv4 or IPv6 address/],
    ['port.gnmap', `${header}\nHost: 10.2.0.5 ()${TAB}Ports: 0/open/tcp//x///\n`, /line 2: port "0" is not a port number/],
  ];
  for (const [name, content, expected] of cases) {
    const file = folder.write(name, content);
    t.throws(() => readTargetsFile(file), { name: 'UsageError', message: expected }, name);
    t.throws(() => readTargetsFile(file), { message: new RegExp(`^--targets-file "${file}": read as nmap grepable output \\(-oG\\), but line 2: [^\\n]*; give nmap's -oG output unchanged, or a plain list of targets$`) }, `${name}: one line naming file, format and what to do`);
  }
});
