import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from '../usage-error.js';
import { detectTargetsFormat } from './discovery/detect-format.js';
import { readMasscanJson } from './discovery/masscan-json.js';
import { readMasscanList } from './discovery/masscan-list.js';
import { readNmapGrepable } from './discovery/nmap-grepable.js';
import { readNmapXml } from './discovery/nmap-xml.js';
import { FORMAT_NAMES, FORMATS_TRIED, TargetsFormatError, type DiscoveryFormat, type TargetsFormat } from './discovery/targets-format.js';
import { readZmapCsv } from './discovery/zmap-csv.js';
import { readPlainList } from './plain-list.js';
import type { TargetSpec } from './target-spec.js';

export interface TargetsFile {
  format: TargetsFormat;
  specs: TargetSpec[];
}

/** The targets of --targets-file, whichever format it holds. */
export function readTargetsFile(path: string): TargetSpec[] {
  return loadTargetsFile(path).specs;
}

/**
 * A plain list, or nmap/masscan/zmap output, told apart by content (detect-format.ts). From
 * discovery output only open TCP ports are taken, each as host:port. Every target keeps the
 * line that named it, with the file's absolute path, so a saved report still finds the file
 * when converted from another folder, and SARIF results point at that line.
 */
export function loadTargetsFile(path: string): TargetsFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new UsageError(`--targets-file "${path}": cannot read it (${code}); check the path and its permissions`);
  }
  const file = resolve(path);
  const lines = text.split(/\r?\n/);
  const detection = detectTargetsFormat(text, lines);
  if ('unknown' in detection) {
    throw new UsageError(`--targets-file "${path}": not one of ${FORMATS_TRIED} (${detection.unknown}); give one of those`);
  }
  const { format } = detection;
  if (format === 'plain') {
    const notAList = (firstError: string): UsageError =>
      new UsageError(`--targets-file "${path}": no line is a target (${firstError.replace(/;.*$/, '')}), and it is not nmap -oX/-oG, masscan -oJ/-oL or zmap CSV output either; give one target per line, or one of those`);
    return { format, specs: readPlainList(lines, file, notAList) };
  }
  try {
    return { format, specs: readDiscovery(format, text, lines, file) };
  } catch (error) {
    if (!(error instanceof TargetsFormatError)) throw error;
    const { label, tool, flag } = FORMAT_NAMES[format];
    throw new UsageError(`--targets-file "${path}": read as ${label}, but line ${error.line}: ${error.reason}; give ${tool}'s ${flag} output unchanged, or a plain list of targets`);
  }
}

function readDiscovery(format: DiscoveryFormat, text: string, lines: string[], file: string): TargetSpec[] {
  switch (format) {
    case 'nmap-xml':
      return readNmapXml(text, file);
    case 'nmap-grepable':
      return readNmapGrepable(lines, file);
    case 'masscan-json':
      return readMasscanJson(lines, file);
    case 'masscan-list':
      return readMasscanList(lines, file);
    case 'zmap-csv':
      return readZmapCsv(lines, file);
  }
}
