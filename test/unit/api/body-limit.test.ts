// The api's body parsers stop at the api's limit instead of the framework's
// 1 GB, marking the request rather than buffering and parsing the body.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  frameworkBodyParser,
  MALFORMED_BODY,
  OVERSIZED_BODY,
  tolerantParser,
} from '../../../functions/src/api/tolerate-malformed-json';

const LIMIT = 1024;
const FRAMEWORK_LIMIT = '1024mb';

interface Seen {
  readonly body: unknown;
  readonly oversized: unknown;
  readonly malformed: unknown;
  readonly error: unknown;
}

async function parseWith(kind: 'json' | 'raw', body: string, contentType: string): Promise<Seen> {
  const parser = frameworkBodyParser();
  if (!parser) throw new Error('body-parser not found beside the Functions Framework');
  const parse = tolerantParser(parser[kind], LIMIT)({ limit: FRAMEWORK_LIMIT, type: contentType });
  let seen: Seen | undefined;
  const server = http.createServer((req, res) => {
    parse(req, res, (error?: unknown) => {
      const r = req as unknown as Record<PropertyKey, unknown>;
      seen = { body: r.body, oversized: r[OVERSIZED_BODY], malformed: r[MALFORMED_BODY], error };
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const port = (server.address() as AddressInfo).port;
    await fetch(`http://127.0.0.1:${port}/`, {
      method: 'POST',
      headers: { 'content-type': contentType },
      body,
    });
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
  return seen!;
}

describe('the api body parsers', () => {
  it('parse a JSON body within the limit', async () => {
    const seen = await parseWith('json', '{"a":1}', 'application/json');
    expect(seen).toEqual({ body: { a: 1 }, oversized: undefined, malformed: undefined, error: undefined });
  });

  it('mark a JSON body over the limit as oversized and leave it unparsed, whatever limit the framework asked for', async () => {
    const seen = await parseWith('json', JSON.stringify({ a: 'x'.repeat(LIMIT) }), 'application/json');
    expect(seen.oversized).toBe(true);
    expect(seen.body).toBeUndefined();
    expect(seen.error).toBeUndefined();
  });

  it('mark a raw body over the limit as oversized too', async () => {
    const seen = await parseWith('raw', 'x'.repeat(LIMIT + 1), 'application/octet-stream');
    expect(seen.oversized).toBe(true);
    expect(seen.body).toBeUndefined();
  });

  it('mark malformed JSON as malformed, not as an error for the framework', async () => {
    const seen = await parseWith('json', '{"a":', 'application/json');
    expect(seen.malformed).toBe('entity.parse.failed');
    expect(seen.error).toBeUndefined();
  });
});
