// The Functions Framework parses bodies before the function runs, and on a
// parse error its express app answers with an HTML page: there is no hook for
// an error handler. The function module is loaded before the framework builds
// its app, so this wraps the framework's body parsers to mark the request
// instead. The api then answers 400 (or 413) {code, detail} like every other
// error. The same wrap sets the parsers' `limit` to the api's own (the
// framework's is 1 GB): a larger body is refused while it is read, from its
// Content-Length or at the limit, and never buffered or parsed.
// An integration test sends malformed JSON and fails if this stops working.
import path from 'node:path';

type Middleware = (req: unknown, res: unknown, next: (error?: unknown) => void) => void;
type ParserFactory = ((options?: Record<string, unknown>) => Middleware) & { eventqTolerant?: true };
type BodyParser = Record<'json' | 'text' | 'urlencoded' | 'raw', ParserFactory>;

export const MALFORMED_BODY = Symbol('eventq.malformedBody');
export const OVERSIZED_BODY = Symbol('eventq.oversizedBody');

const MALFORMED = new Set(['entity.parse.failed', 'charset.unsupported', 'encoding.unsupported']);

/** The framework's body-parser, or undefined when it cannot be found (then nothing is wrapped). */
export function frameworkBodyParser(): BodyParser | undefined {
  try {
    const framework = path.dirname(require.resolve('@google-cloud/functions-framework'));
    return require(require.resolve('body-parser', { paths: [framework] })) as BodyParser;
  } catch {
    return undefined;
  }
}

/** Wraps one parser factory: malformed bodies and bodies over `limitBytes` mark the request, unparsed. */
export function tolerantParser(original: ParserFactory, limitBytes: number): ParserFactory {
  if (original.eventqTolerant) return original;
  const tolerant: ParserFactory = (options) => {
    const parse = original({ ...options, limit: limitBytes });
    return (req, res, next) =>
      parse(req, res, (error?: unknown) => {
        const type = (error as { type?: string } | undefined)?.type;
        const request = req as Record<PropertyKey, unknown>;
        if (type === 'entity.too.large') {
          request.body = undefined;
          request[OVERSIZED_BODY] = true;
          next();
          return;
        }
        if (type !== undefined && MALFORMED.has(type)) {
          request.body = undefined;
          request[MALFORMED_BODY] = type;
          next();
          return;
        }
        next(error);
      });
  };
  tolerant.eventqTolerant = true;
  return tolerant;
}

export function tolerateMalformedJson(limitBytes: number): void {
  const bodyParser = frameworkBodyParser();
  if (!bodyParser) return;
  for (const kind of ['json', 'text', 'urlencoded', 'raw'] as const) {
    bodyParser[kind] = tolerantParser(bodyParser[kind], limitBytes);
  }
}
