import { readdirSync } from 'node:fs';
import type { ConfigFile, UnreadSetting } from './config-observation.js';
import type { ConfigError } from './network-settings.js';
import { readConfigText } from '../filesystem/config-text.js';
import { describeFsError, fsErrorCode, isAccessDenied } from '../filesystem/fs-errors.js';
import { resolveInsideRoot, rooted, type RootedPath } from '../filesystem/audited-root.js';
import { readUnitFile, type UnitEntry } from './systemd-unit-file.js';

/** Unit directories, most important first: systemd lets /etc override /run, and both override the packaged unit. */
export const UNIT_DIRECTORIES = ['/etc/systemd/system', '/run/systemd/system', '/lib/systemd/system', '/usr/lib/systemd/system'];

export interface UnitEntryAt extends UnitEntry {
  file: RootedPath;
  /** "docker.service" or "override.conf", for messages. */
  fileLabel: string;
}

export interface LoadedUnit {
  name: string;
  /** The unit file and its drop-ins that exist (read or not), for the permission rules. */
  files: ConfigFile[];
  /** The unit file systemd loads (the first found), or null. */
  unitFile: RootedPath | null;
  /** Linked to /dev/null: systemd will not start it, whatever its drop-ins say. */
  masked: boolean;
  /** The unit's entries, then each drop-in's, in the order systemd applies them. */
  entries: UnitEntryAt[];
  errors: ConfigError[];
  /** Drop-in folders that exist but could not be listed: their drop-ins may set anything. */
  unreadSettings: UnreadSetting[];
}

/**
 * Loads a unit as systemd does: the first unit file found wins (/etc over /lib), then every
 * `<name>.d/*.conf` drop-in from all directories, a drop-in in /etc hiding one of the same
 * name further down, applied in lexical order of file name whatever its directory.
 */
export function loadUnit(root: string, name: string, directories: readonly string[] = UNIT_DIRECTORIES): LoadedUnit {
  const loaded: LoadedUnit = { name, files: [], unitFile: null, masked: false, entries: [], errors: [], unreadSettings: [] };
  for (const directory of directories) {
    const location = rooted(root, `${directory}/${name}`);
    const resolution = resolveInsideRoot(root, location.systemPath);
    if ('resolved' in resolution && resolution.resolved.systemPath === '/dev/null') {
      loaded.masked = true;
      loaded.unitFile = location;
      return loaded;
    }
    const read = readConfigText(root, location);
    if (!read.found) continue;
    loaded.unitFile = location;
    loaded.files.push({ ...location, kind: 'systemd-unit', stat: read.stat, readError: read.error });
    if (read.text === null) loaded.errors.push({ path: location.path, message: `${name} cannot be read: ${read.error}` });
    else addEntries(loaded, location, name, read.text);
    break;
  }

  const dropIns = new Map<string, RootedPath>();
  for (const directory of directories) {
    const folder = rooted(root, `${directory}/${name}.d`);
    let names: string[];
    try {
      const resolution = resolveInsideRoot(root, folder.systemPath);
      if ('error' in resolution) {
        loaded.errors.push({ path: folder.path, message: `${name}.d cannot be read: ${resolution.error}` });
        loaded.unreadSettings.push({ source: folder.systemPath, why: `${name}.d cannot be read (${resolution.error}); the drop-ins in it were not read` });
        continue;
      }
      names = readdirSync(resolution.resolved.path);
    } catch (error) {
      const code = fsErrorCode(error);
      if (isAccessDenied(code) || (code !== 'ENOENT' && code !== 'ENOTDIR')) {
        loaded.unreadSettings.push({ source: folder.systemPath, why: `${name}.d cannot be listed (${describeFsError(error)}); the drop-ins in it were not read` });
      }
      if (isAccessDenied(code)) {
        loaded.errors.push({ path: folder.path, message: `${name}.d cannot be listed: ${describeFsError(error)}; its drop-ins were not read: run dockprobe as root or grant it read access to ${folder.systemPath}` });
      } else if (code !== 'ENOENT' && code !== 'ENOTDIR') {
        loaded.errors.push({ path: folder.path, message: `${name}.d cannot be listed: ${describeFsError(error)}` });
      }
      continue;
    }
    for (const file of names) {
      if (file.endsWith('.conf') && !dropIns.has(file)) dropIns.set(file, rooted(root, `${folder.systemPath}/${file}`));
    }
  }
  for (const file of [...dropIns.keys()].sort()) {
    const location = dropIns.get(file)!;
    const resolution = resolveInsideRoot(root, location.systemPath);
    // A drop-in linked to /dev/null hides the one of the same name below it, and says nothing.
    if ('resolved' in resolution && resolution.resolved.systemPath === '/dev/null') continue;
    const read = readConfigText(root, location);
    if (!read.found) continue;
    loaded.files.push({ ...location, kind: 'systemd-drop-in', stat: read.stat, readError: read.error });
    if (read.text === null) loaded.errors.push({ path: location.path, message: `drop-in ${file} cannot be read: ${read.error}` });
    else addEntries(loaded, location, file, read.text);
  }
  return loaded;
}

function addEntries(loaded: LoadedUnit, file: RootedPath, fileLabel: string, text: string): void {
  const read = readUnitFile(text);
  for (const entry of read.entries) loaded.entries.push({ ...entry, file, fileLabel });
  for (const problem of read.problems) loaded.errors.push({ path: file.path, message: `line ${problem.line} of ${fileLabel}: ${problem.message}` });
}

/**
 * The values of a list directive (ExecStart=, Environment=, ListenStream=...) after systemd's
 * rule that an empty assignment clears everything set before it.
 */
export function listDirective(entries: readonly UnitEntryAt[], section: string, key: string): UnitEntryAt[] {
  let values: UnitEntryAt[] = [];
  for (const entry of entries) {
    if (entry.section !== section || entry.key !== key) continue;
    if (entry.value === '') values = [];
    else values.push(entry);
  }
  return values;
}
