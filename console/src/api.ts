// The tenant API as the console calls it: same origin, the session's bearer
// token, JSON in and out. An error carries the API's own {code, detail}, which
// the pages show as the API words it. A 401 means the session is over.

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
  ) {
    super(`${code}: ${detail}`);
  }
}

export type Api = <T = unknown>(method: string, path: string, body?: unknown) => Promise<T>;

/** The api's origin is the console's: /console/ → /. */
const API_BASE = new URL('..', location.href).pathname.replace(/\/$/, '');

export function createApi(token: string, onSignedOut: () => void): Api {
  return async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    let res: Response;
    try {
      res = await fetch(`${API_BASE}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new ApiError(0, 'ERR_NETWORK', 'the eventq API could not be reached; check the connection');
    }
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    if (!res.ok) {
      if (res.status === 401) onSignedOut();
      const error = parsed as { code?: string; detail?: string } | undefined;
      throw new ApiError(
        res.status,
        error?.code ?? `HTTP_${res.status}`,
        error?.detail ?? text.slice(0, 200),
      );
    }
    return parsed as T;
  };
}

export const queuePath = (name: string): string => `/v1/queues/${encodeURIComponent(name)}`;
