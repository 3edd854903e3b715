import type { ConfigObservation } from '../../../src/config/config-observation.js';
import { config, context, home, sshOption } from '../../support/config-observation-builder.js';
import type { InvalidCase, ValidCase } from '../../support/rule-tester.js';

/** client-ssh-host-key-unchecked: cases it must stay silent on, and cases it must fire on (with the message each finding uses). */

export const valid: ValidCase<ConfigObservation>[] = [
  {
    name: 'first value wins: yes before a later no',
    observation: config({ homes: [home({ contexts: [context({ host: 'ssh://prod.example' })], sshOptions: [sshOption('StrictHostKeyChecking', 'yes', 'prod.example', 1), sshOption('StrictHostKeyChecking', 'no', '*', 5)] })] }),
  },
  {
    name: 'the unchecked pattern is for another host',
    observation: config({ homes: [home({ contexts: [context({ host: 'ssh://prod.example' })], sshOptions: [sshOption('StrictHostKeyChecking', 'no', 'lab-* !prod.example', 1)] })] }),
  },
  { name: 'tcp context is not ssh', observation: config({ homes: [home({ contexts: [context()], sshOptions: [sshOption('StrictHostKeyChecking', 'no')] })] }) },
];

export const invalid: InvalidCase<ConfigObservation>[] = [
  {
    name: 'StrictHostKeyChecking no for the context host',
    observation: config({ homes: [home({ contexts: [context({ host: 'ssh://deploy@prod.example' })], sshOptions: [sshOption('StrictHostKeyChecking', 'no', 'prod.*', 4)] })] }),
    errors: [{ messageId: 'host-key-unchecked', line: 4 }],
  },
  {
    name: 'UserKnownHostsFile /dev/null under Host *',
    observation: config({ homes: [home({ contexts: [context({ host: 'ssh://prod.example:2222' })], sshOptions: [sshOption('UserKnownHostsFile', '/dev/null', '*', 9)] })] }),
    errors: [{ messageId: 'host-key-unchecked', line: 9 }],
  },
];
