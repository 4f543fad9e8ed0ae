// The tenant API as the soak's operator uses it: each call with the tenant's
// token, and retried while the api cannot be reached (it is restarted on
// purpose), as a client with retries would; a {code, detail} answer is final.
import { setTimeout as sleep } from 'node:timers/promises';

export interface ApiAnswer {
  readonly status: number;
  // biome-ignore lint/suspicious/noExplicitAny: the soak reads the fields it needs from API answers.
  readonly body: any;
}

export class SoakApiError extends Error {
  override readonly name = 'SoakApiError';
}

const RETRY_FOR_MS = 60_000;
const RETRY_EVERY_MS = 250;

export class SoakApi {
  constructor(
    private readonly apiUrl: string,
    private readonly tokens: ReadonlyMap<string, string>,
  ) {}

  /** Calls the api; resolves with the first answer that is not a 5xx, retrying refused connections. */
  async call(tenant: string, method: string, path: string, body?: unknown): Promise<ApiAnswer> {
    const token = this.tokens.get(tenant);
    if (token === undefined) throw new SoakApiError(`no token for tenant ${tenant}`);
    const deadline = Date.now() + RETRY_FOR_MS;
    let last = '';
    while (Date.now() < deadline) {
      try {
        const res = await fetch(`${this.apiUrl}${path}`, {
          method,
          headers: {
            authorization: `Bearer ${token}`,
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
          signal: AbortSignal.timeout(15_000),
        });
        const text = await res.text();
        if (res.status < 500) return { status: res.status, body: text ? JSON.parse(text) : undefined };
        last = `${res.status} ${text}`;
      } catch (error) {
        last = (error as Error).message;
      }
      await sleep(RETRY_EVERY_MS);
    }
    throw new SoakApiError(`${method} ${path} for ${tenant}: no answer within ${RETRY_FOR_MS} ms (${last})`);
  }

  /** Like call(), and the answer must have `status`. */
  async expect(
    status: number,
    tenant: string,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<ApiAnswer> {
    const answer = await this.call(tenant, method, path, body);
    if (answer.status !== status) {
      throw new SoakApiError(
        `${method} ${path} for ${tenant}: ${answer.status} ${JSON.stringify(answer.body)}`,
      );
    }
    return answer;
  }
}
