import type { ConfigSource } from '../config/config-observation.js';
import type { ConfigRule } from './rule.js';

/** "/etc/docker/daemon.json:3", or the path alone when the line is unknown. */
function place(source: ConfigSource): string {
  return `${source.systemPath}${source.line ? `:${source.line}` : ''}`;
}

export const daemonConfigConflict: ConfigRule = {
  id: 'daemon-config-conflict',
  checkConfig({ daemon }) {
    return daemon.conflicts.map((conflict) => ({
      messageId: 'json-and-flag',
      data: { directive: conflict.directive, jsonPlace: place(conflict.json), flagPlace: place(conflict.flag), flagForm: conflict.flag.form },
      evidence: { directive: conflict.directive, daemonJson: conflict.json.systemPath, flagIn: conflict.flag.systemPath },
      location: conflict.flag,
    }));
  },
};
