// Console sign-in. A portal link is /console/#code=eqc_…: the code is read
// from the fragment (never sent to a server, nor in Referer), removed from the
// address bar and the tab's history at once with history.replaceState, and
// traded once (POST /console/session) for a session token. The token is kept
// in this tab only (sessionStorage, so a reload stays signed in; closing the
// tab ends it) and sent as a bearer token, never as a cookie.

export interface Session {
  readonly token: string;
  readonly tenant: string;
  readonly access: 'read' | 'manage';
  readonly expiresAt: string;
}

const STORAGE_KEY = 'eventq.console.session';

/** Why there is no session: shown on the sign-in screen. */
export type SignedOut = { readonly reason: 'no-link' | 'expired' | 'refused'; readonly detail?: string };

function stored(): Session | undefined {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    const session = raw ? (JSON.parse(raw) as Session) : undefined;
    return session && Date.parse(session.expiresAt) > Date.now() ? session : undefined;
  } catch {
    return undefined;
  }
}

export function forgetSession(): void {
  sessionStorage.removeItem(STORAGE_KEY);
}

/** Takes the one-time code out of the URL (and so out of history) before anything else can read or keep it. */
function takeCodeFromUrl(): string | undefined {
  const match = /^#code=([A-Za-z0-9_-]+)$/.exec(location.hash);
  if (!match) return undefined;
  history.replaceState(null, '', `${location.pathname}#/queues`);
  return match[1];
}

export async function signIn(): Promise<Session | SignedOut> {
  const code = takeCodeFromUrl();
  if (!code) return stored() ?? { reason: 'no-link' };
  forgetSession();
  const res = await fetch('session', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code }),
  });
  const body = (await res.json().catch(() => ({}))) as Partial<Session> & { detail?: string };
  if (!res.ok || !body.token) return { reason: 'refused', detail: body.detail ?? `HTTP ${res.status}` };
  const session = body as Session;
  sessionStorage.setItem(STORAGE_KEY, JSON.stringify(session));
  return session;
}
