/**
 * Commander's own complaints read like every other usage error: one "dockprobe: ..." line,
 * exit 2. Flags from docker and nmap get the dockprobe flag that does the job.
 */
import t, { type Test } from 'tap';
import { runCli } from '../helpers/run-cli.js';

async function refused(t: Test, args: string[], line: RegExp): Promise<void> {
  const run = await runCli(args);
  t.equal(run.status, 2, `${args.join(' ')}: exit 2`);
  t.match(run.stderr, line, `${args.join(' ')}: ${run.stderr.trim()}`);
  t.equal(run.stderr.split('\n').length, 2, `${args.join(' ')}: one line`);
  t.equal(run.stdout, '', `${args.join(' ')}: nothing else`);
}

t.test("commander's errors: one dockprobe line, saying where the options are", async (t) => {
  await refused(t, ['scan', '--bogus'], /^dockprobe: unknown option '--bogus'; see dockprobe scan --help\n$/);
  await refused(t, ['scan', '--rat', '5'], /^dockprobe: unknown option '--rat' \(did you mean one of --at, --rate\?\); see dockprobe scan --help\n$/);
  await refused(t, ['report', 'diff', 'old.json'], /^dockprobe: missing required argument 'new\.json'; see dockprobe report diff --help\n$/);
  await refused(t, ['scan', '-f', 'xml'], /^dockprobe: option '-f, --format <format>' argument 'xml' is invalid\. Allowed choices are table, json, sarif, prometheus, html; see dockprobe scan --help\n$/);
  await refused(t, ['files', '--output'], /^dockprobe: option '-o, --output <file>' argument missing; see dockprobe files --help\n$/);
  await refused(t, ['--bogus'], /^dockprobe: unknown option '--bogus'; see dockprobe audit --help\n$/);
});

t.test('docker and nmap flags: the dockprobe flag to use instead', async (t) => {
  await refused(t, ['-H', 'tcp://127.0.0.1:2376'], /^dockprobe: unknown option '-H': that is docker's host flag; dockprobe takes the daemon as a target: e\.g\. dockprobe scan tcp:\/\/host:2376\n$/);
  await refused(t, ['scan', '--host', '127.0.0.1'], /^dockprobe: unknown option '--host': that is docker's host flag/);
  await refused(t, ['scan', '127.0.0.1', '--tlsverify'], /^dockprobe: unknown option '--tlsverify': dockprobe always verifies .*--tlscacert FILE.*--cert-path DIR\n$/);
  await refused(t, ['scan', '--tls', '127.0.0.1'], /^dockprobe: unknown option '--tls': dockprobe always tries TLS/);
  await refused(t, ['-iL', 'hosts.txt'], /^dockprobe: unknown option '-iL': that is nmap's input list; dockprobe reads one with --targets-file FILE/);
  await refused(t, ['scan', '--exit-code', '1'], /^dockprobe: unknown option '--exit-code': dockprobe sets its exit code with --fail-on SEVERITY/);
});

t.test('the flags the hints name exist', async (t) => {
  const help = (await runCli(['scan', '--help'])).stdout;
  for (const flag of ['--tlscacert', '--tlscert', '--tlskey', '--cert-path', '--targets-file', '--fail-on']) t.match(help, flag);
});
