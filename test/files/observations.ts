import path from 'node:path';
import type { FilesCollection } from '../../src/files/collect-files.js';
import type { FileObservation } from '../../src/files/file-observation.js';

/** The one observation whose file name is `name`; throws (failing the test) when there is not exactly one. */
export function observationNamed(collection: FilesCollection, name: string): FileObservation {
  const found = collection.files.filter((file) => path.basename(file.path) === name);
  if (found.length !== 1) {
    throw new Error(`expected one observation named ${name}, found ${found.length}: ${collection.files.map((f) => f.path).join(', ')}`);
  }
  return found[0]!;
}

export function namesOf(collection: FilesCollection): string[] {
  return collection.files.map((file) => path.basename(file.path)).sort();
}
