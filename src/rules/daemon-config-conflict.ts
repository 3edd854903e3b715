import type { ConfigRule } from './rule.js';

export const daemonConfigConflict: ConfigRule = {
  id: 'daemon-config-conflict',
  checkConfig({ daemon }) {
    return daemon.conflicts.map((conflict) => ({
      message: `"${conflict.directive}" is set in ${conflict.json.systemPath}${conflict.json.line ? `:${conflict.json.line}` : ''} and as a flag in ${conflict.flag.systemPath}${conflict.flag.line ? `:${conflict.flag.line}` : ''} (${conflict.flag.form}); dockerd refuses to start with both.`,
      evidence: { directive: conflict.directive, daemonJson: conflict.json.systemPath, flagIn: conflict.flag.systemPath },
      location: conflict.flag,
    }));
  },
};
