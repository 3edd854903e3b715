import t from 'tap';
import { loadTargetsFile, readTargetsFile } from '../../src/targets/read-targets-file.js';
import { UsageError } from '../../src/usage-error.js';
import { targetLines, targetsFolder } from '../support/targets-file-fixture.js';

const folder = targetsFolder(t);

/** An nmap -oX document around the given <host> elements, laid out as nmap 7.9x writes it. */
function nmapXml(hosts: string): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE nmaprun>',
    '<?xml-stylesheet href="file:///usr/share/nmap/nmap.xsl" type="text/xsl"?>',
    '<!-- Nmap 7.94 scan initiated as: nmap -n -p 2375,2376 -oX scan.xml 10.1.0.0/24 -->',
    '<nmaprun scanner="nmap" args="nmap -n -p 2375,2376 -oX scan.xml 10.1.0.0/24" version="7.94" xmloutputversion="1.05">',
    '<scaninfo type="syn" protocol="tcp" numservices="2" services="2375-2376"/>',
    hosts,
    '<runstats><finished time="1" exit="success"/><hosts up="3" down="1" total="4"/>',
    '</runstats>',
    '</nmaprun>',
    '',
  ].join('\n');
}

t.test('open TCP ports only, each as host:port on the line of its <address>', async (t) => {
  const file = folder.write(
    'scan.xml',
    nmapXml(
      [
        '<hosthint><status state="up" reason="arp-response"/>', // line 7: a hint is not a result
        '<address addr="10.1.0.9" addrtype="ipv4"/>',
        '</hosthint>',
        '<host starttime="1" endtime="2"><status state="up" reason="syn-ack" reason_ttl="64"/>', // 10
        '<address addr="10.1.0.5" addrtype="ipv4"/>', // 11
        '<address addr="02:42:AC:11:00:02" addrtype="mac" vendor="Docker &amp; Co"/>',
        '<hostnames><hostname name="docker1.example" type="PTR"/></hostnames>',
        '<ports><extraports state="closed" count="998"><extrareasons reason="reset" count="998"/></extraports>',
        '<port protocol="tcp" portid="2375"><state state="open" reason="syn-ack" reason_ttl="64"/><service name="docker" method="table" conf="3"/></port>',
        '<port protocol="tcp" portid="2376"><state state="closed" reason="reset" reason_ttl="64"/></port>',
        '<port protocol="tcp" portid="4243"><state state="filtered" reason="no-response" reason_ttl="0"/></port>',
        '<port protocol="tcp" portid="8080"><state state="open|filtered" reason="no-response" reason_ttl="0"/></port>',
        '<port protocol="udp" portid="2377"><state state="open" reason="udp-response" reason_ttl="64"/></port>',
        "<port protocol='tcp' portid='2376'><state state='open' reason='syn-ack'/></port>",
        '</ports>',
        '</host>',
        '<host><status state="down" reason="no-response"/>', // 23
        '<address addr="10.1.0.6" addrtype="ipv4"/>',
        '<ports><port protocol="tcp" portid="2375"><state state="open"/></port></ports>',
        '</host>',
        '<host><status state="up"/>', // 27
        '<address addr="00:16:3E:00:00:01" addrtype="mac"/>',
        '<address addr="FD00:0:0:0:0:0:0:0A" addrtype="ipv6"/>', // 29
        '<ports><port protocol="tcp" portid="2376"><state state="open"/></port></ports>',
        '</host>',
        '<host><status state="up"/>',
        '<address addr="10.1.0.7" addrtype="ipv4"/>',
        '<ports><port protocol="tcp" portid="2375"><state state="closed"/></port></ports>',
        '</host>',
      ].join('\n'),
    ),
  );
  const { format, specs } = loadTargetsFile(file);
  t.equal(format, 'nmap-xml');
  t.same(targetLines(specs), [
    { input: '10.1.0.5:2375', port: 2375, line: 11 },
    { input: '10.1.0.5:2376', port: 2376, line: 11 },
    { input: '[fd00::a]:2376', port: 2376, line: 29 },
  ], 'closed, filtered, open|filtered, UDP, down hosts and host hints are not targets; IPv6 is canonical');
  t.same(specs[0], { kind: 'host', input: '10.1.0.5:2375', host: '10.1.0.5', port: 2375, source: { file, line: 11 } }, 'the address, never the hostname; the absolute path');
});

t.test('a scan that found no open port reads as no targets, not as an error', async (t) => {
  const file = folder.write('nothing-open.xml', nmapXml('<host><status state="up"/>\n<address addr="10.1.0.7" addrtype="ipv4"/>\n<ports><port protocol="tcp" portid="2375"><state state="closed"/></port></ports>\n</host>'));
  t.same(loadTargetsFile(file), { format: 'nmap-xml', specs: [] });
  t.same(readTargetsFile(folder.write('no-hosts.xml', nmapXml(''))), []);
});

t.test('the format is told by content, not by the name of the file', async (t) => {
  const file = folder.write('hosts.txt', nmapXml('<host><status state="up"/><address addr="127.0.0.1" addrtype="ipv4"/><ports><port protocol="tcp" portid="2375"><state state="open"/></port></ports></host>'));
  t.same(targetLines(readTargetsFile(file)), [{ input: '127.0.0.1:2375', port: 2375, line: 7 }]);
});

t.test('a file that starts as nmap XML but cannot be read as it: one line naming file, format and line', async (t) => {
  const whole = nmapXml('<host><status state="up"/>\n<address addr="10.1.0.5" addrtype="ipv4"/>\n<ports><port protocol="tcp" portid="2375"><state state="open"/></port></ports>\n</host>');
  const cases: [string, string, RegExp][] = [
    ['cut.xml', whole.slice(0, whole.indexOf('</host>')), /read as nmap XML \(-oX\), but line 9: the file ends inside <host> \(opened on line 7\): it is cut short, as when nmap is stopped/],
    ['cut-mid-tag.xml', whole.slice(0, whole.indexOf('portid=') + 4), /read as nmap XML \(-oX\), but line 9: a tag that never ends: the file is cut short/],
    ['no-end.xml', whole.replace('</nmaprun>\n', ''), /read as nmap XML \(-oX\), but line 12: the file ends inside <nmaprun> \(opened on line 5\)/],
    ['crossed.xml', whole.replace('</ports>', '</host>'), /line 9: <\/host> where <ports> \(line 9\) should close/],
    ['bad-port.xml', whole.replace('portid="2375"', 'portid="70000"'), /line 9: port "70000" is not a port number \(1-65535\)/],
    ['bad-address.xml', whole.replace('10.1.0.5', '10.1.0.500'), /line 8: "10\.1\.0\.500" is not an IPv4 or IPv6 address/],
    ['no-address.xml', whole.replace(/<address[^>]*>/, ''), /line 7: the <host> ending on line 10 has open ports but no ipv4 or ipv6 <address>/],
    ['junk-tag.xml', whole.replace('<ports>', '<ports <<'), /line 9: a malformed tag "<ports <</],
    ['unterminated-comment.xml', whole.replace('<host>', '<!-- <host>'), /line 7: a comment that never ends/],
    ['after-root.xml', `${whole}<host/>\n`, /line 14: <host> after <\/nmaprun>/],
    ['text-outside.xml', `${whole}trailing words\n`, /line 14: text "trailing words" outside the <nmaprun> element/],
    ['entities.xml', whole.replace('<!DOCTYPE nmaprun>', '<!DOCTYPE nmaprun [<!ENTITY a "b">]>'), /line 2: a DOCTYPE with an internal subset/],
    ['deep.xml', whole.replace('<host>', `${'<x>'.repeat(70)}<host>`), /nested more than 64 deep/],
  ];
  for (const [name, content, expected] of cases) {
    const file = folder.write(name, content);
    let error: unknown;
    try {
      readTargetsFile(file);
    } catch (caught) {
      error = caught;
    }
    t.type(error, UsageError, name);
    const message = (error as Error).message;
    t.match(message, expected, name);
    t.match(message, new RegExp(`^--targets-file "${file}": read as nmap XML \\(-oX\\), but line \\d+: .*; give nmap's -oX output unchanged, or a plain list of targets$`), `${name}: names the file, the format, what to do`);
    t.notMatch(message, /\n/, `${name}: one line`);
  }
});

t.test('XML that is not nmap\'s is refused as such, not read line by line as targets', async (t) => {
  const file = folder.write('page.xml', '<?xml version="1.0"?>\n<html><body>10.0.0.5</body></html>\n');
  t.throws(() => readTargetsFile(file), { name: 'UsageError', message: `--targets-file "${file}": not one of a plain list of targets, nmap -oX/-oG, masscan -oJ/-oL or zmap CSV output (it is XML or HTML, but not nmap's -oX output (no <nmaprun> element)); give one of those` });
});
