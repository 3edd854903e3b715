import { clientContextPlaintext } from './client-context-plaintext.js';
import { clientSshHostKeyUnchecked } from './client-ssh-host-key-unchecked.js';
import { clientTlsVerifyDisabled } from './client-tls-verify-disabled.js';
import { daemonAufsStorage } from './daemon-aufs-storage.js';
import { daemonCgroupParentSet } from './daemon-cgroup-parent-set.js';
import { daemonConfigConflict } from './daemon-config-conflict.js';
import { daemonConfigDuplicateKey } from './daemon-config-duplicate-key.js';
import { daemonConfigInvalid } from './daemon-config-invalid.js';
import { daemonConfigPermissions } from './daemon-config-permissions.js';
import { daemonExperimental } from './daemon-experimental.js';
import { daemonFileMode } from './daemon-file-mode.js';
import { daemonFileOwner } from './daemon-file-owner.js';
import { daemonIccEnabled } from './daemon-icc-enabled.js';
import { daemonInsecureRegistry } from './daemon-insecure-registry.js';
import { daemonIptablesDisabled } from './daemon-iptables-disabled.js';
import { daemonLiveRestoreOff } from './daemon-live-restore-off.js';
import { daemonLocalLogging } from './daemon-local-logging.js';
import { daemonLogLevelNotInfo } from './daemon-log-level-not-info.js';
import { daemonNewPrivilegesAllowed } from './daemon-new-privileges-allowed.js';
import { daemonNoAuthzPlugin } from './daemon-no-authz-plugin.js';
import { daemonNoDefaultUlimit } from './daemon-no-default-ulimit.js';
import { daemonRootful } from './daemon-rootful.js';
import { daemonSeccompUnconfined } from './daemon-seccomp-unconfined.js';
import { daemonSocketPermissions } from './daemon-socket-permissions.js';
import { daemonTcpAllInterfaces } from './daemon-tcp-all-interfaces.js';
import { daemonTcpNoTls } from './daemon-tcp-no-tls.js';
import { daemonTlsFilesMissing } from './daemon-tls-files-missing.js';
import { daemonTlsNoVerify } from './daemon-tls-no-verify.js';
import { daemonTlsVerifyNoClientCa } from './daemon-tls-verify-no-client-ca.js';
import { daemonUserlandProxyOn } from './daemon-userland-proxy-on.js';
import { daemonUsernsRemapOff } from './daemon-userns-remap-off.js';
import type { ConfigRule } from './rule.js';

/**
 * Every config rule, listed by hand in id order (see endpoint-rules.ts for why). Ids are
 * public: never renumber or reuse one.
 */
export const CONFIG_RULES: readonly ConfigRule[] = [
  clientContextPlaintext,
  clientSshHostKeyUnchecked,
  clientTlsVerifyDisabled,
  daemonAufsStorage,
  daemonCgroupParentSet,
  daemonConfigConflict,
  daemonConfigDuplicateKey,
  daemonConfigInvalid,
  daemonConfigPermissions,
  daemonExperimental,
  daemonFileMode,
  daemonFileOwner,
  daemonIccEnabled,
  daemonInsecureRegistry,
  daemonIptablesDisabled,
  daemonLiveRestoreOff,
  daemonLocalLogging,
  daemonLogLevelNotInfo,
  daemonNewPrivilegesAllowed,
  daemonNoAuthzPlugin,
  daemonNoDefaultUlimit,
  daemonRootful,
  daemonSeccompUnconfined,
  daemonSocketPermissions,
  daemonTcpAllInterfaces,
  daemonTcpNoTls,
  daemonTlsFilesMissing,
  daemonTlsNoVerify,
  daemonTlsVerifyNoClientCa,
  daemonUserlandProxyOn,
  daemonUsernsRemapOff,
];
