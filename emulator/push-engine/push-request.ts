// One push as Pub/Sub makes it: POST of the wrapped JSON envelope to the
// endpoint, with the OIDC token, abandoned (and counted as failed) when it
// outlives the subscription's ack deadline. Acks on 102, 200, 201, 202 and
// 204, as production does (the emulator itself does not ack 202).
import http from 'node:http';
import https from 'node:https';
import type { PushedMessage, PushOutcome } from './delivery-ports';

const ACK_STATUSES: ReadonlySet<number> = new Set([102, 200, 201, 202, 204]);
// Every queue subscription pushes to one origin, dispatch, which locally is a
// single process (production scales it out). At most this many pushes are
// outstanding per origin; the rest wait their turn in the agent, first come
// first served. Without a bound, the first event to 1,000 queues made 1,000
// concurrent queue-definition reads, and the Firestore emulator missed
// dispatch's 5 s deadline on all of them, again and again.
export const MAX_PUSHES_PER_ORIGIN = 64;
const httpAgent = new http.Agent({ keepAlive: true, maxSockets: MAX_PUSHES_PER_ORIGIN });
const httpsAgent = new https.Agent({ keepAlive: true, maxSockets: MAX_PUSHES_PER_ORIGIN });

export interface PushRequest {
  readonly endpoint: string;
  readonly subscription: string;
  readonly message: PushedMessage;
  readonly deliveryAttempt?: number;
  readonly token?: string;
  readonly timeoutMs: number;
  readonly signal: AbortSignal;
}

export function pushEnvelope(request: Pick<PushRequest, 'subscription' | 'message' | 'deliveryAttempt'>) {
  return {
    message: request.message.json,
    subscription: request.subscription,
    ...(request.deliveryAttempt === undefined ? {} : { deliveryAttempt: request.deliveryAttempt }),
  };
}

export function postPush(request: PushRequest): Promise<PushOutcome> {
  const body = Buffer.from(JSON.stringify(pushEnvelope(request)));
  const url = new URL(request.endpoint);
  const headers: http.OutgoingHttpHeaders = {
    'content-type': 'application/json',
    'content-length': body.length,
  };
  if (request.token) headers.authorization = `Bearer ${request.token}`;
  const client = url.protocol === 'https:' ? https : http;
  return new Promise<PushOutcome>((resolve) => {
    const req = client.request(
      url,
      {
        method: 'POST',
        headers,
        agent: url.protocol === 'https:' ? httpsAgent : httpAgent,
        signal: request.signal,
      },
      (res) => {
        res.resume();
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          resolve(
            ACK_STATUSES.has(status) ? { ok: true } : { ok: false, error: `endpoint answered ${status}` },
          );
        });
        res.on('error', (error) => resolve({ ok: false, error: error.message }));
      },
    );
    const deadline = setTimeout(
      () => req.destroy(new Error(`no answer within the ack deadline (${request.timeoutMs} ms)`)),
      request.timeoutMs,
    );
    req.on('close', () => clearTimeout(deadline));
    req.on('error', (error) => resolve({ ok: false, error: error.message }));
    req.end(body);
  });
}

export function closePushAgents(): void {
  httpAgent.destroy();
  httpsAgent.destroy();
}
