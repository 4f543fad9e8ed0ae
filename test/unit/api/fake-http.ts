// A request and a response with just what handle-api-request.ts uses of
// Express's, so that the api can be driven without a server.
import type { Request, Response } from '@google-cloud/functions-framework';

export interface FakeAnswer {
  status?: number;
  body?: unknown;
  headers: Record<string, string>;
}

export function fakeRequest(
  method: string,
  path: string,
  options: { body?: unknown; token?: string | null; rawBody?: string; contentType?: string } = {},
): Request {
  const raw = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  const headers: Record<string, string> = {};
  if (options.token !== null) headers.authorization = `Bearer ${options.token ?? 'eqt_a-token-of-acme-000'}`;
  if (raw !== undefined) headers['content-type'] = options.contentType ?? 'application/json';
  return {
    method,
    path,
    query: {},
    rawBody: raw === undefined ? undefined : Buffer.from(raw),
    body: options.body,
    get: (name: string) => headers[name.toLowerCase()],
    is: (type: string) => (headers['content-type']?.startsWith(type) ? type : false),
  } as unknown as Request;
}

export function fakeResponse(): { res: Response; answer: FakeAnswer } {
  const answer: FakeAnswer = { headers: {} };
  const res = {
    set(name: string, value: string) {
      answer.headers[name.toLowerCase()] = value;
      return res;
    },
    status(code: number) {
      answer.status = code;
      return res;
    },
    json(body: unknown) {
      answer.body = body;
      return res;
    },
    end() {
      return res;
    },
  };
  return { res: res as unknown as Response, answer };
}
