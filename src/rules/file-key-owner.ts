import type { FileObservation, FileStat } from '../files/file-observation.js';
import { describePath, regularFileStat, ROLE_WORDS, shellPath } from '../rule-support/file-checks.js';
import type { FileRule, RuleHit } from './rule.js';

const DAEMON_ROLES = new Set(['server-cert', 'server-key', 'ca-cert', 'ca-key']);

/** CIS Docker Benchmark 3.9, 3.11 and 3.13: the daemon's CA, certificate and key belong to root:root. */
function daemonFileNotRootOwned(observation: FileObservation, stat: FileStat): RuleHit[] {
  if (observation.expectedOwnerUid !== 0 || !DAEMON_ROLES.has(observation.role) || (stat.uid === 0 && stat.gid === 0)) return [];
  return [{
    messageId: 'daemon-file-not-root',
    data: { file: describePath(observation), role: ROLE_WORDS[observation.role], uid: stat.uid, gid: stat.gid, fileWord: shellPath(observation.systemPath) },
    evidence: { uid: stat.uid, gid: stat.gid, expectedUid: 0, expectedGid: 0, role: observation.role },
  }];
}

/** A client key under a home directory belongs to that home's user, or someone else holds their Docker access. */
function clientKeyOfSomeoneElse(observation: FileObservation, stat: FileStat): RuleHit[] {
  const expected = observation.expectedOwnerUid;
  if (observation.role !== 'client-key' || expected === null || stat.uid === expected) return [];
  return [{
    messageId: 'client-key-of-someone-else',
    data: { file: describePath(observation), uid: stat.uid, expectedUid: expected, fileWord: shellPath(observation.systemPath) },
    evidence: { uid: stat.uid, gid: stat.gid, expectedUid: expected, role: observation.role },
  }];
}

export const fileKeyOwner: FileRule = {
  id: 'file-key-owner',
  needsRoleOf: ['certificate', 'key'],
  checkFile(observation) {
    const stat = regularFileStat(observation);
    if (!stat) return [];
    return [...daemonFileNotRootOwned(observation, stat), ...clientKeyOfSomeoneElse(observation, stat)];
  },
};
