// dispatch over HTTP, with request and response objects of the shape the
// Functions Framework passes: the in-flight bound, the method check, a crash.
import type { Request, Response } from '@google-cloud/functions-framework';
import type { SinkResponse } from '../../../functions/src/delivery/post-to-sink';
import { InFlightBudget } from '../../../functions/src/dispatch/in-flight-budget';
import { serveDispatch } from '../../../functions/src/dispatch/serve-dispatch';
import { dispatchWorld, GOOD_TOKEN, sinkAnswer } from '../../support/dispatch-world';
import { pushEnvelope } from '../../support/push-envelope';
import { pushQueueDefinition } from '../../support/queue-fixtures';

const queue = pushQueueDefinition();

interface Sent {
  status?: number;
  body?: unknown;
}

function exchange(method: string, bodyBytes: number): { req: Request; res: Response; sent: Promise<Sent> } {
  const sent: Sent = {};
  let done: (s: Sent) => void = () => {};
  const res = {
    set: () => res,
    status(code: number) {
      sent.status = code;
      return res;
    },
    json(body: unknown) {
      sent.body = body;
      done(sent);
    },
    end() {
      done(sent);
    },
  };
  const req = {
    method,
    headers: { authorization: GOOD_TOKEN },
    body: pushEnvelope({ subscription: queue.subscription }),
    rawBody: Buffer.alloc(bodyBytes),
  };
  return {
    req: req as unknown as Request,
    res: res as unknown as Response,
    sent: new Promise((resolve) => {
      done = resolve;
    }),
  };
}

describe('serveDispatch', () => {
  it('answers 503 at once to a push beyond the bytes in flight, and takes pushes again once they are answered', async () => {
    const held: ((r: SinkResponse) => void)[] = [];
    const w = dispatchWorld({ queues: [queue], sink: () => new Promise((resolve) => held.push(resolve)) });
    const budget = new InFlightBudget(1_000_000);
    const serve = serveDispatch(w.deps, budget, () => {});

    const first = exchange('POST', 600_000);
    serve(first.req, first.res);
    const second = exchange('POST', 600_000);
    serve(second.req, second.res);
    expect(await second.sent).toMatchObject({ status: 503, body: { code: 'ERR_UNAVAILABLE' } });
    expect(budget.bytesInFlight).toBe(600_000);

    await new Promise((resolve) => setImmediate(resolve));
    held.shift()!(sinkAnswer(204));
    expect((await first.sent).status).toBe(204);
    expect(budget.bytesInFlight).toBe(0);

    const third = exchange('POST', 600_000);
    serve(third.req, third.res);
    await new Promise((resolve) => setImmediate(resolve));
    held.shift()!(sinkAnswer(204));
    expect((await third.sent).status).toBe(204);
  });

  it('lets one push through whatever its size, so that none is refused forever', async () => {
    const w = dispatchWorld({ queues: [queue] });
    const serve = serveDispatch(w.deps, new InFlightBudget(1_000), () => {});
    const big = exchange('POST', 5_000_000);
    serve(big.req, big.res);
    expect((await big.sent).status).toBe(204);
  });

  it('answers anything but POST with 405 and its code', async () => {
    const w = dispatchWorld({ queues: [queue] });
    const get = exchange('GET', 0);
    serveDispatch(w.deps, new InFlightBudget(1_000), () => {})(get.req, get.res);
    expect(await get.sent).toMatchObject({ status: 405, body: { code: 'ERR_METHOD_NOT_ALLOWED' } });
  });

  it('answers an error no step expected with 500 ERR_INTERNAL, without its message, and frees its bytes', async () => {
    const w = dispatchWorld({
      queues: [{ ...queue, types: ['com.example.other'] }],
      overrides: {
        // A bug on the filtered-out path: counting throws.
        count: () => {
          throw new TypeError('secret internal detail');
        },
      },
    });
    const budget = new InFlightBudget(1_000);
    const crash = exchange('POST', 100);
    serveDispatch(w.deps, budget, () => {})(crash.req, crash.res);
    const sent = await crash.sent;
    expect(sent).toMatchObject({ status: 500, body: { code: 'ERR_INTERNAL' } });
    expect(JSON.stringify(sent.body)).not.toContain('secret internal detail');
    expect(budget.bytesInFlight).toBe(0);
  });
});
