import type { ConfigRule } from './rule.js';

export const clientTlsVerifyDisabled: ConfigRule = {
  id: 'client-tls-verify-disabled',
  checkConfig({ homes }) {
    return homes.flatMap((home) =>
      home.contexts
        .filter((context) => context.skipTlsVerify)
        .map((context) => ({
          message: `docker context "${context.name}" in ${home.systemPath} sets SkipTLSVerify for ${context.host}: anyone in the path can pose as that daemon.`,
          evidence: { context: context.name, host: context.host, skipTlsVerify: true },
          location: context.source,
        })),
    );
  },
};
