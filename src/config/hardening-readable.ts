import type { DaemonConfig } from './config-observation.js';

/**
 * Whether an empty list in `hardening` can be read as "not set, dockerd's default applies", or
 * only as "not seen". The settings come from daemon.json and dockerd's command line; when either
 * could not be read, a directive missing from `hardening` may well be set there, and a rule must
 * say "could not check", never "fail" (nor "pass"). For the rules and the compliance report.
 * So do the places listed in `unreadSettings`: a drop-in folder that could not be listed, an
 * init script's options a systemd unit may or may not pass, a daemon.json directive dockerd refuses.
 */
export function hardeningReadable(daemon: Pick<DaemonConfig, 'startup' | 'daemonJsonError' | 'files' | 'unreadSettings'>): { readable: true } | { readable: false; why: string } {
  if (daemon.startup?.kind === 'unknown') return { readable: false, why: `how dockerd starts could not be told (${daemon.startup.why}), so its flags were not read` };
  if (daemon.daemonJsonError) return { readable: false, why: `daemon.json is not valid (line ${daemon.daemonJsonError.line}: ${daemon.daemonJsonError.message}); dockerd refuses it, and its settings were not read` };
  const unread = daemon.files.find((file) => file.readError !== null);
  if (unread) return { readable: false, why: `${unread.systemPath} could not be read (${unread.readError})` };
  // Absent from a report written before it was collected: nothing listed.
  const unreadPlace = (daemon.unreadSettings ?? [])[0];
  if (unreadPlace) return { readable: false, why: `${unreadPlace.source} was not read: ${unreadPlace.why}` };
  return { readable: true };
}
