// The Functions Framework parses JSON bodies before the function runs, and on a
// parse error its express app answers with an HTML page: there is no hook for
// an error handler. The function module is loaded before the framework builds
// its app, so this wraps the framework's JSON parser to mark the request
// instead. The api then answers 400 {code, detail} like every other error.
// An integration test sends malformed JSON and fails if this stops working.
import path from 'node:path';

type Middleware = (req: unknown, res: unknown, next: (error?: unknown) => void) => void;
type JsonFactory = ((options?: unknown) => Middleware) & { eventqTolerant?: true };

export const MALFORMED_BODY = Symbol('eventq.malformedBody');

export function tolerateMalformedJson(): void {
  let bodyParser: { json: JsonFactory };
  try {
    const framework = path.dirname(require.resolve('@google-cloud/functions-framework'));
    bodyParser = require(require.resolve('body-parser', { paths: [framework] })) as { json: JsonFactory };
  } catch {
    return;
  }
  const original = bodyParser.json;
  if (original.eventqTolerant) return;
  const tolerant: JsonFactory = (options) => {
    const parse = original(options);
    return (req, res, next) =>
      parse(req, res, (error?: unknown) => {
        const type = (error as { type?: string } | undefined)?.type;
        if (
          type === 'entity.parse.failed' ||
          type === 'charset.unsupported' ||
          type === 'encoding.unsupported'
        ) {
          const request = req as Record<PropertyKey, unknown>;
          request.body = undefined;
          request[MALFORMED_BODY] = type;
          next();
          return;
        }
        next(error);
      });
  };
  tolerant.eventqTolerant = true;
  bodyParser.json = tolerant;
}
