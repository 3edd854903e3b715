import { clientContextPlaintext } from './client-context-plaintext.js';
import { clientSshHostKeyUnchecked } from './client-ssh-host-key-unchecked.js';
import { clientTlsVerifyDisabled } from './client-tls-verify-disabled.js';
import { daemonConfigConflict } from './daemon-config-conflict.js';
import { daemonConfigDuplicateKey } from './daemon-config-duplicate-key.js';
import { daemonConfigInvalid } from './daemon-config-invalid.js';
import { daemonConfigPermissions } from './daemon-config-permissions.js';
import { daemonFileMode } from './daemon-file-mode.js';
import { daemonFileOwner } from './daemon-file-owner.js';
import { daemonSocketPermissions } from './daemon-socket-permissions.js';
import { daemonTcpAllInterfaces } from './daemon-tcp-all-interfaces.js';
import { daemonTcpNoTls } from './daemon-tcp-no-tls.js';
import { daemonTlsFilesMissing } from './daemon-tls-files-missing.js';
import { daemonTlsNoVerify } from './daemon-tls-no-verify.js';
import { daemonTlsVerifyNoClientCa } from './daemon-tls-verify-no-client-ca.js';
import type { ConfigRule } from './rule.js';

/**
 * Every config rule, listed by hand in id order (see endpoint-rules.ts for why). Ids are
 * public: never renumber or reuse one.
 */
export const CONFIG_RULES: readonly ConfigRule[] = [
  clientContextPlaintext,
  clientSshHostKeyUnchecked,
  clientTlsVerifyDisabled,
  daemonConfigConflict,
  daemonConfigDuplicateKey,
  daemonConfigInvalid,
  daemonConfigPermissions,
  daemonFileMode,
  daemonFileOwner,
  daemonSocketPermissions,
  daemonTcpAllInterfaces,
  daemonTcpNoTls,
  daemonTlsFilesMissing,
  daemonTlsNoVerify,
  daemonTlsVerifyNoClientCa,
];
