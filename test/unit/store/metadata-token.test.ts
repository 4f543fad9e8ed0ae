// The access-token source against a real HTTP server on 127.0.0.1 standing in
// for the metadata server (GCE_METADATA_HOST), as google-auth-library allows.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { metadataAccessTokens } from '../../../functions/src/store/metadata-token';

describe('metadataAccessTokens', () => {
  let server: http.Server;
  let host: string;
  let seen: http.IncomingHttpHeaders[];
  let answer: { status: number; body: string };

  beforeEach(async () => {
    seen = [];
    answer = {
      status: 200,
      body: JSON.stringify({ access_token: 'token-1', expires_in: 3599, token_type: 'Bearer' }),
    };
    server = http.createServer((req, res) => {
      seen.push({ ...req.headers, path: req.url });
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(answer.body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(() => new Promise((resolve) => server.close(resolve)));

  it('asks the metadata server for the default account token with Metadata-Flavor, once while it is valid', async () => {
    let now = 0;
    const tokens = metadataAccessTokens(host, () => now);
    expect(await Promise.all([tokens(), tokens()])).toEqual(['token-1', 'token-1']);
    now += 3_000_000;
    expect(await tokens()).toBe('token-1');
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({
      'metadata-flavor': 'Google',
      path: '/computeMetadata/v1/instance/service-accounts/default/token',
    });
  });

  it('fetches a new token a minute before the old one expires', async () => {
    let now = 0;
    const tokens = metadataAccessTokens(host, () => now);
    await tokens();
    answer.body = JSON.stringify({ access_token: 'token-2', expires_in: 3599 });
    now = 3_599_000 - 60_000;
    expect(await tokens()).toBe('token-2');
  });

  it('reports an answer that is not a token, and tries again on the next call', async () => {
    answer = { status: 404, body: 'Not Found' };
    const tokens = metadataAccessTokens(host);
    await expect(tokens()).rejects.toThrow('the metadata server answered 404 for an access token');
    answer = { status: 200, body: JSON.stringify({ expires_in: 10 }) };
    await expect(tokens()).rejects.toThrow('the metadata server gave no access token');
    answer = { status: 200, body: JSON.stringify({ access_token: 'token-3', expires_in: 3599 }) };
    expect(await tokens()).toBe('token-3');
  });
});
