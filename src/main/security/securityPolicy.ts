// The decisions behind the Electron security checklist, as pure functions so they are tested
// without Electron (ENVIRONMENT.md: no Electron binary on the build machines). The Electron glue
// in electronSession.ts and windows/ only wires them to events.

/**
 * The renderer is served from a privileged custom scheme rather than file:// (checklist item 18):
 * a file:// page shares its origin with every local file, app://workstation has one of its own.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'workstation';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

function parse(url: string | null | undefined): URL | null {
  if (!url) return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** True for URLs of the app's own pages. (Node's URL gives `null` origins to custom schemes.) */
export function isAppUrl(url: string | null | undefined): boolean {
  const parsed = parse(url);
  return (
    parsed !== null && parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && !parsed.username
  );
}

export interface SenderFrame {
  url: string;
  /** The top frame has no parent; IPC from a sub-frame is refused. */
  isMainFrame: boolean;
}

/** Checklist item 17: an IPC call is served only when the app's own top-level page sent it. */
export function isTrustedSender(frame: SenderFrame | null | undefined): boolean {
  return frame !== null && frame !== undefined && frame.isMainFrame && isAppUrl(frame.url);
}

/** Checklist item 13: navigation stays inside the app; links out are not followed. */
export function isNavigationAllowed(targetUrl: string): boolean {
  return isAppUrl(targetUrl);
}

/**
 * Checklist item 1 ("no remote content"): what a window may load or connect to. The app's files,
 * inline data, and SIP over TLS WebSocket to the PBX; plain http(s), file:// and ws: are refused.
 */
export function isRequestAllowed(url: string, options: { devTools: boolean }): boolean {
  const parsed = parse(url);
  if (parsed === null) return false;
  switch (parsed.protocol) {
    case `${APP_SCHEME}:`:
      return isAppUrl(url);
    case 'data:':
    case 'blob:':
    case 'wss:':
      return true;
    case 'devtools:':
      return options.devTools;
    default:
      return false;
  }
}

export interface PermissionRequestDetails {
  requestingUrl?: string;
  /** `media` requests: `audio` is the microphone, `video` the camera. */
  mediaTypes?: readonly string[];
}

/**
 * Besides the microphone, the softphone needs these for the app's own page only: a desktop
 * notification when a call rings while the window is hidden, and choosing the speaker and ringer
 * (setSinkId).
 */
const SOFTPHONE_PERMISSIONS: ReadonlySet<string> = new Set(['notifications', 'speaker-selection']);

/**
 * Checklist item 5: the microphone, desktop notifications and speaker selection, to the app's own
 * page; nothing else, to no one else.
 */
export function isPermissionRequestAllowed(permission: string, details: PermissionRequestDetails): boolean {
  if (!isAppUrl(details.requestingUrl)) return false;
  if (SOFTPHONE_PERMISSIONS.has(permission)) return true;
  if (permission !== 'media') return false;
  const types = details.mediaTypes ?? [];
  return types.length > 0 && types.every((type) => type === 'audio');
}

export interface PermissionCheckDetails {
  mediaType?: string;
  securityOrigin?: string;
}

/** Synchronous permission checks (e.g. enumerateDevices labels) follow the same rule. */
export function isPermissionCheckAllowed(
  permission: string,
  requestingOrigin: string,
  details: PermissionCheckDetails,
): boolean {
  if (!isAppUrl(requestingOrigin)) return false;
  return SOFTPHONE_PERMISSIONS.has(permission) || (permission === 'media' && details.mediaType === 'audio');
}
