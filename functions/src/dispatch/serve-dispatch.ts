// dispatch over HTTP: POST only, the pipeline's answer sent as it is, and an
// error nobody expected answered 500 (Pub/Sub retries it) without its message.
import type { Request, Response } from '@google-cloud/functions-framework';
import { InternalError, MethodNotAllowedError, UnavailableError } from '../errors';
import type { DispatchDeps } from './dispatch-deps';
import { handlePush } from './handle-push';
import type { InFlightBudget } from './in-flight-budget';
import { PushAnswer } from './push-answer';

const NOT_POST = PushAnswer.of(new MethodNotAllowedError('dispatch takes POST'));
const CRASHED = PushAnswer.of(new InternalError('dispatch failed; Pub/Sub will retry'));
const BUSY = PushAnswer.of(
  new UnavailableError('this instance has as many push bytes in flight as it takes; Pub/Sub will push again'),
);

function send(res: Response, answer: PushAnswer): void {
  if (answer.body) res.status(answer.status).json(answer.body);
  else res.status(answer.status).end();
}

/**
 * The Functions Framework runs each request inside a `domain` (a Node API
 * deprecated since Node 4) so that an error nobody caught becomes that
 * request's 500. dispatch catches every error itself and answers every push;
 * all the domain adds is its async hook on every promise, socket, listener and
 * timer of the delivery, which measured ~13 % of dispatch's CPU per push
 * (docs/benchmarks.md). So dispatch leaves it. A bug that threw past every
 * handler would now stop the instance instead of failing one push; Pub/Sub
 * redelivers every push that was not answered, so nothing would be lost.
 */
function leaveFrameworkDomain(): void {
  (process as { domain?: { exit(): void } | null }).domain?.exit();
}

/** Not async: a push answered from the caches is answered without a promise of its own. */
export function serveDispatch(
  deps: DispatchDeps,
  budget: InFlightBudget,
  onRequest: () => void,
): (req: Request, res: Response) => void {
  const crashed = (res: Response, error: unknown) => {
    deps.log('ERROR', 'dispatch failed unexpectedly', { error: String(error) });
    send(res, CRASHED);
  };
  return (req, res) => {
    leaveFrameworkDomain();
    if (req.method !== 'POST') {
      res.set('allow', 'POST');
      send(res, NOT_POST);
      return;
    }
    // From request handling, where the CPU is surely allocated: the stats flush runs beside the delivery.
    onRequest();
    const bytes = req.rawBody?.length ?? 0;
    // The framework keeps the raw body and the parsed one on the request until it is
    // answered; the pipeline needs neither once it has the envelope, and a large event
    // would otherwise be held three times over while it is delivered (docs/benchmarks.md).
    const body: unknown = req.body;
    req.rawBody = undefined;
    req.body = undefined;
    if (!budget.take(bytes)) {
      deps.log('WARNING', 'too many push bytes in flight; Pub/Sub will push again', { outcome: 'held' });
      send(res, BUSY);
      return;
    }
    let answer: ReturnType<typeof handlePush>;
    try {
      answer = handlePush(req.headers.authorization, body, deps);
    } catch (error) {
      budget.release(bytes);
      crashed(res, error);
      return;
    }
    if (answer instanceof Promise) {
      answer.then(
        (settled) => {
          budget.release(bytes);
          send(res, settled);
        },
        (error: unknown) => {
          budget.release(bytes);
          crashed(res, error);
        },
      );
    } else {
      budget.release(bytes);
      send(res, answer);
    }
  };
}
