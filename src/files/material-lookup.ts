/**
 * Reads and classifies files by path, once each: the collector, the pairing and the chain check
 * all ask about the same few files (key.pem beside cert.pem, the ca.pem beside both), and a
 * file read twice could change between the reads and give two different answers.
 */
import { lstatSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { AuditedRoot } from '../filesystem/audited-root.js';
import { readBounded } from '../filesystem/bounded-read.js';
import { fileStat } from '../filesystem/file-stat.js';
import { describeFsError, fsErrorCode } from '../filesystem/fs-errors.js';
import { CertificateReader } from './certificate-reader.js';
import { classifyContent, type ContentFacts } from './classify-content.js';
import type { FileStat } from './file-observation.js';

/** Directories with more entries than this are looked at only in part for neighbours. */
const MAX_DIRECTORY_NEIGHBOURS = 1000;

export interface ExaminedFile extends ContentFacts {
  stat: FileStat | null;
  readError: string | null;
  /** Deleted between being listed and being read: not part of the system any more. */
  vanished?: true;
}

export interface LocatedFile {
  path: string;
  systemPath: string;
  /** Present when the named path was a symbolic link that was followed. */
  symlinkTarget?: { path: string; systemPath: string };
  examined: ExaminedFile;
}

export function unreadable(stat: FileStat | null, readError: string): ExaminedFile {
  return {
    stat,
    readError,
    kind: 'unreadable',
    parseError: null,
    materialDetected: false,
    certificates: [],
    key: null,
    certificateDers: [],
    leafPublicKeyFingerprint: () => null,
  };
}

export class MaterialLookup {
  private readonly examined = new Map<string, ExaminedFile>();
  private readonly listings = new Map<string, LocatedFile[]>();
  /** Real paths found missing once (a ca-key.pem a pairing asked for): asked again for every file beside them. */
  private readonly missing = new Set<string>();
  /** Every certificate of the run, read once by content; the chain check reuses recent parses. */
  readonly certificates = new CertificateReader();

  constructor(
    readonly root: AuditedRoot,
    private readonly maxFileBytes: number,
  ) {}

  /** The file at realPath itself; a symbolic link there is reported, not followed. */
  examine(realPath: string): ExaminedFile {
    let examined = this.examined.get(realPath);
    if (!examined) {
      const read = readBounded(realPath, { maxBytes: this.maxFileBytes, links: 'refuse' });
      examined = read.bytes === null
        ? { ...unreadable(read.stat, read.error), ...(read.code === 'ENOENT' ? { vanished: true as const } : {}) }
        : { stat: read.stat, readError: null, ...classifyContent(read.bytes, path.basename(realPath), this.certificates) };
      this.examined.set(realPath, examined);
    }
    return examined;
  }

  /** A file beside another, as it is in the directory (no link followed); null when there is none. */
  beside(systemPath: string): LocatedFile | null {
    const realPath = this.root.realPath(systemPath);
    // Looked at already: that answer stands for the whole run (see the header), without another lstat.
    const known = this.examined.get(realPath);
    if (known) return known.vanished ? null : { path: realPath, systemPath, examined: known };
    if (this.missing.has(realPath)) return null;
    try {
      lstatSync(realPath);
    } catch (error) {
      if (fsErrorCode(error) === 'ENOENT') {
        this.missing.add(realPath);
        return null;
      }
    }
    return { path: realPath, systemPath, examined: this.examine(realPath) };
  }

  /**
   * A file someone named (a PATH argument, a config's tlscert): links are followed inside the
   * root, as dockerd would follow them. null when nothing at all is at the path.
   */
  named(systemPath: string): LocatedFile | null {
    const realPath = this.root.realPath(systemPath);
    let resolved: string;
    try {
      resolved = this.root.resolve(systemPath);
    } catch (error) {
      let linkStat: FileStat;
      try {
        linkStat = fileStat(lstatSync(realPath));
      } catch (lstatError) {
        // Nothing there is null; a path behind a folder closed to us is there, and unreadable.
        const code = fsErrorCode(lstatError);
        if (code === 'ENOENT' || code === 'ENOTDIR') return null;
        return { path: realPath, systemPath, examined: unreadable(null, describeFsError(lstatError)) };
      }
      const reason = fsErrorCode(error) === 'ENOENT' ? 'dangling symbolic link: its target does not exist' : describeFsError(error);
      return { path: realPath, systemPath, examined: unreadable(linkStat, reason) };
    }
    if (resolved === systemPath) return { path: realPath, systemPath, examined: this.examine(realPath) };
    const targetPath = this.root.realPath(resolved);
    return { path: realPath, systemPath, symlinkTarget: { path: targetPath, systemPath: resolved }, examined: this.examine(targetPath) };
  }

  /**
   * The regular files in a directory (links not followed), for pairing by public key and for the
   * "left beside" facts. Bounded, so a file dropped into a huge directory does not read it all.
   */
  filesIn(directorySystemPath: string): LocatedFile[] {
    let files = this.listings.get(directorySystemPath);
    if (!files) {
      files = [];
      let names: string[] = [];
      try {
        names = readdirSync(this.root.realPath(directorySystemPath)).sort().slice(0, MAX_DIRECTORY_NEIGHBOURS);
      } catch {
        // An unlistable directory has no neighbours we can speak of; the file itself is still judged.
      }
      for (const name of names) {
        const neighbour = this.beside(path.posix.join(directorySystemPath, name));
        if (neighbour?.examined.stat?.type === 'file' && !neighbour.examined.vanished) files.push(neighbour);
      }
      this.listings.set(directorySystemPath, files);
    }
    return files;
  }
}
