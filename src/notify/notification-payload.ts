/**
 * The body dockprobe POSTs to `--notify` after a run: what is new and what went away since
 * the previous report, in the format --notify-format names. The formats themselves are
 * renderers, listed in src/reporters/index.ts (NOTIFY_RENDERERS).
 */
import { NOTIFY_RENDERERS, type NotifyFormat } from '../reporters/index.js';
import type { NotificationInput } from '../reporters/notification-items.js';
import type { RenderContext } from '../reporters/renderer.js';

export { NOTIFY_FORMATS, type NotifyFormat } from '../reporters/index.js';

export interface NotificationPayload {
  contentType: string;
  body: string;
}

/** Notifications read nothing from the context (no rule pages, no widths, no SARIF paths). */
const NOTIFICATION_CONTEXT: RenderContext = { metadata: new Map(), sarifRoot: '/' };

export function buildNotification(input: NotificationInput & { format: NotifyFormat }): NotificationPayload {
  const renderer = NOTIFY_RENDERERS[input.format];
  return { contentType: renderer.contentType, body: renderer.render(input, NOTIFICATION_CONTEXT) };
}
