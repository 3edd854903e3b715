/**
 * Runs collectFiles in a child process, so a test can run it as an unprivileged uid: root reads
 * every file, and "unreadable to the scanner" can only be seen by someone who is not root.
 * Arguments: root, then PATHs. Prints the collection as JSON.
 */
import { collectFiles } from '../../src/files/collect-files.js';

const [root, ...paths] = process.argv.slice(2);
process.stdout.write(JSON.stringify(collectFiles(paths, { root: root ?? '/' })));
