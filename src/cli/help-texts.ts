/**
 * The prose of `--help`, one text per command, shown after commander's list of options.
 * Kept apart from the wiring (src/cli.ts) so the wording can change without touching it.
 */

export const PROGRAM_DESCRIPTION =
  'Audit Docker daemons from outside and inside: who can reach the Docker API, how well TLS protects it, and what the certificates, keys and config on this machine get wrong.\nWith no command: audit this machine (see `dockprobe audit --help`).';

export const FILES_HELP = `
Roles (what a file is) come from, in order: the daemon config or docker context that names
it, --role, then the names the Docker guides use: ca.pem, ca-key.pem, server-cert.pem,
server-key.pem, and cert.pem / key.pem in a client folder (~/.docker, DOCKER_CERT_PATH, a
context's TLS folder) or beside server-cert.pem and server-key.pem (the guide's one folder).
--role describes certificates (*-cert) or keys (*-key), never a folder: given with a folder it
applies to the files there whose names say nothing, and a CA certificate stays the CA.
Files of unknown role get only the checks that need no role; the report lists the others.

Checks: key permissions (0400) and owners, certificate write bits, a CA key left beside
certificates, leftover CSRs and serial files, expiry (--at DATE to look ahead), key size,
signature hash, subjectAltName, extendedKeyUsage for the role, malformed extensions and keys
Go (so docker) refuses, cert/key pairs, chain to the CA.

Examples:
  dockprobe files /etc/docker/ssl ~/.docker
  dockprobe files ./certs --at 2027-01-01 --fail-on medium
  dockprobe files /etc/docker/ssl --host docker1.example --host 10.0.0.5
  dockprobe files /srv/pki/docker1.pem --role server-cert -f json
  dockprobe files /srv/pki --role server-cert --role server-key
`;

export const CONFIG_HELP = `
Reads dockerd's settings wherever they are set: /etc/docker/daemon.json (or --config-file),
docker.service and its drop-ins (ExecStart flags, Environment=, EnvironmentFile=),
/etc/default/docker and /etc/sysconfig/docker (DOCKER_OPTS); and the client side: ~/.docker
of root and of every user under /home, their docker contexts, ~/.ssh/config for ssh://
contexts, and DOCKER_HOST / DOCKER_TLS_VERIFY / DOCKER_CERT_PATH in this environment.
Each finding names the file and line to fix.

Examples:
  dockprobe config
  dockprobe config --root /mnt/image -f sarif -o config.sarif
  dockprobe config --compliance cis-docker-1.7.0 --report all
`;

export const AUDIT_HELP = `
Runs config on /, files on every certificate and key the config names plus ~/.docker and
DOCKER_CERT_PATH, and scan of the TCP listeners the config declares and of
127.0.0.1:2375/2376, into one report. Useful even where Docker is not installed: it then
says so, and checks what is there.

Examples:
  dockprobe
  dockprobe audit -f json -o /var/lib/dockprobe/last.json --fail-on medium
  dockprobe audit --root /mnt/backup --no-scan
  dockprobe audit --compliance cis-docker-1.7.0 --report all    (CIS Docker sections 2 and 3)
`;

export const REPORT_CONVERT_HELP = `
The report is rendered as it was saved: nothing is scanned or judged again, and the exit code
is 0 when the conversion worked. --compliance answers a benchmark's controls from the saved
findings; controls whose hardening checks did not run in that report read NOT CHECKED.

Examples:
  dockprobe report convert fleet.json -f sarif -o fleet.sarif --sarif-category fleet
  dockprobe report convert last.json -f prometheus -o /var/lib/prometheus/node-exporter/dockprobe.prom
  dockprobe report convert audit.json --compliance cis-docker-1.7.0 --report all -f html -o controls.html
`;

export const REPORT_DIFF_HELP = `
Findings are matched by fingerprint: the same rule, place and evidence (a certificate that is
one day closer to expiry is still the same finding). A finding that left is "resolved" only
where NEW looked again (the same endpoint fully checked, the same configuration or file read);
elsewhere it is "not checked this time", and a warning says how the two reports' scopes differ.
Exit 1 when a new finding is at or above --fail-on, else 0.

Examples:
  dockprobe report diff monday.json tuesday.json
  dockprobe report diff last.json now.json -f json --fail-on medium
`;

export const REPORT_MERGE_HELP = `
Merges the JSON reports of a fleet into one report, whatever order they are named in: the
shards of one scan (--shard K/N, or the pods of a Kubernetes Indexed Job), the host audits of
many machines (audit, config, files), or both. Nothing is folded across machines: each machine's
findings, files and configuration stay under it (the same daemon.json on two machines is two
findings; the same machine audited twice is one), endpoints once per host:port (by address, then
port), counts summed. Every shard must be there: a missing one (3/4 among 1/4, 2/4, 4/4) is
listed under "Could not check" and the merged report is incomplete; a shard given twice is merged
once (the later run). Findings are not judged again (no --fail-on). Exit 0 when merged and
complete, 4 when something was not checked (a missing shard, or a report's own errors), 2 for
bad input. See docs/fleet.md.

Examples:
  dockprobe report merge shard-1.json shard-2.json shard-3.json shard-4.json -f sarif -o fleet.sarif --sarif-category fleet
  dockprobe report merge audits/*.json shard-*.json -f json -o fleet.json
  dockprobe report merge audits/*.json shard-*.json -f html -o fleet.html
`;

export const SCAN_HELP = `
Targets:
  host, host:port, 10.0.0.5, [::1]:2376, 10.0.0.0/24, fd00::/120,
  tcp://host:2376 or https://host:2376 (as in DOCKER_HOST).
  With no target: DOCKER_HOST when it is tcp://, else 127.0.0.1.
  A target with its own port is probed on that port only; others on every --ports port.
  Ranges are swept: only endpoints that answer are listed, the rest are counted.

What each open port gets (read-only: GET /_ping, /version, /info only):
  plain HTTP, then TLS with (a) no client certificate, (b) your client certificate,
  (c) a throwaway certificate from a CA made for this scan, (d) TLS 1.0 and 1.1 only.

Client certificates, as the docker CLI finds them:
  --tlscacert/--tlscert/--tlskey, else --cert-path DIR, else $DOCKER_CERT_PATH,
  else ~/.docker; each directory holds ca.pem, cert.pem and key.pem.

Exit codes: 0 nothing at or above --fail-on and everything checked; 1 findings at or
  above --fail-on; 2 bad input, or a report file that could not be written; 3 dockprobe
  itself failed (a bug: please report it); 4 nothing at or above --fail-on, but some
  endpoints or rules could not be checked; 5 the report was written, but --notify could
  not deliver the alert; 130/143 interrupted by SIGINT/SIGTERM: the report of what was
  gathered is still written, marked incomplete (a second signal exits at once).

Sharding (one fleet in N parallel runs, then \`dockprobe report merge\`; see docs/fleet.md):
  --shard K/N scans only shard K of N, counted from 1 (1/4 .. 4/4); each host:port is in
  exactly one shard, by a stable hash. In a Kubernetes Indexed Job leave --shard out: the
  pod's JOB_COMPLETION_INDEX (counted from 0: pod 0 is shard 1) picks the shard, and
  --shard-count N or DOCKPROBE_SHARD_COUNT=N (the Job's completions) gives N.

On real networks: --exclude and --exclude-file keep probes off hosts and ranges (nothing is
  sent to them); --rate caps probes per second for the whole scan; --max-duration ends the
  sweep on time and still writes the report, marked incomplete (exit 4 unless findings).

Examples:
  dockprobe scan                                   # this machine, ports 2375 and 2376
  dockprobe scan 10.0.0.0/24 --format json -o fleet.json
  dockprobe scan docker1.example:2376 --cert-path ~/.docker --fail-on critical
  dockprobe scan --targets-file inventory.txt --ports 2375,2376,4243
  dockprobe scan 10.0.0.5 --param api-engine-eol.minimumVersion=28.0.0 --param tls-cert-expiring.days=14
  dockprobe scan 10.20.0.0/16 --exclude 10.20.5.0/24,10.20.9.9 --rate 500 --max-duration 30m
  dockprobe scan --targets-file inventory.txt --shard 2/4 -f json -o shard-2.json
`;
