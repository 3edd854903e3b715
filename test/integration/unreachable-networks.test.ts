/**
 * Networks this machine cannot reach, made real in a network namespace of our own that has
 * only a loopback interface: no IPv6 route, IPv6 switched off, and a DNS server that cannot be
 * reached. Nothing can leave the namespace, so no packet goes anywhere but its own lo.
 */
import { execFileSync } from 'node:child_process';
import t from 'tap';
import type { ScanReport } from '../../src/report/scan-report.js';
import { createNetns, netnsUnavailableReason } from '../helpers/netns.js';
import { runCli } from '../helpers/run-cli.js';

const unavailable = netnsUnavailableReason();
if (unavailable) {
  // Counted as a failure by .ci/run: CI must have what these tests need.
  t.fail(`network namespace tests cannot run here: ${unavailable}`);
} else {
  const netns = createNetns('unreach');
  t.teardown(() => netns.remove());

  const scanInNetns = async (args: string[]): Promise<{ status: number | null; report: ScanReport; stderr: string }> => {
    const run = await runCli(['scan', ...args, '-f', 'json', '--timeout', '1000'], { prefix: netns.exec });
    return { status: run.status, report: JSON.parse(run.stdout) as ScanReport, stderr: run.stderr };
  };

  t.test('an IPv6 target with no IPv6 route: an error that says IPv6 is missing here, not "filtered"', async (t) => {
    const { status, report } = await scanInNetns(['[2001:db8::1]:2376']);
    t.equal(status, 4, 'not checked, so not a pass');
    t.match(report.endpoints, [{ target: '[2001:db8::1]:2376', state: 'error', error: /^ENETUNREACH: this machine has no route to that IPv6 network \(is IPv6 set up here\?\)/ }]);
    t.match(report.errors, [{ kind: 'target', message: /ENETUNREACH/ }]);
  });

  t.test('a sweep of an unreachable IPv6 range is one grouped line, not one per address', async (t) => {
    const { status, report } = await scanInNetns(['2001:db8::/120', '--ports', '2375']);
    t.equal(status, 4);
    t.same(report.endpoints, [], 'nothing answered, so nothing is listed');
    t.match(report.errors, [{ kind: 'sweep', message: /^256 swept endpoint\(s\) could not be checked \(ENETUNREACH: .*IPv6/ }]);
  });

  t.test('IPv6 switched off: connecting to [::1] says there is no IPv6 address to connect from', async (t) => {
    execFileSync(netns.exec[0]!, [...netns.exec.slice(1), 'sysctl', '-q', '-w', 'net.ipv6.conf.all.disable_ipv6=1', 'net.ipv6.conf.lo.disable_ipv6=1']);
    const { status, report } = await scanInNetns(['[::1]:2375']);
    t.equal(status, 4);
    t.match(report.endpoints, [{ target: '[::1]:2375', state: 'error', error: /^EADDRNOTAVAIL: this machine has no IPv6 address to connect from/ }]);
  });

  t.test('a DNS server that cannot be reached: the name, the resolver code and what to do, in one line', async (t) => {
    // The namespace has no route to the machine's resolver, so getaddrinfo gives up at once.
    const { status, report } = await scanInNetns(['docker1.example:2376']);
    t.equal(status, 4);
    t.match(report.endpoints, [{ target: 'docker1.example:2376', state: 'error', address: null, error: /^cannot resolve "docker1\.example": EAI_AGAIN \(no answer from a DNS server/ }]);
  });
}
