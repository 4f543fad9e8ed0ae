// Stands in for Google on the push side of the benchmarks: a JWKS server that
// the benchmark's own dispatch processes trust, and push tokens signed the way
// Google signs them (RS256, both Google claims, one hour), so that the
// benchmarks can push straight to dispatch without the Pub/Sub emulator.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';

export const BENCH_AUDIENCE = 'https://dispatch.eventq.bench/push';
export const BENCH_PUSH_ACCOUNT = 'push@eventq-bench.iam.gserviceaccount.com';

type PrivateKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

export interface PushSigner {
  readonly certsUrl: string;
  readonly publicJwk: JWK;
  /** A new token, valid for an hour from now (Google reuses one for many pushes). */
  sign(issuedAtSeconds?: number): Promise<string>;
  close(): Promise<void>;
}

export async function startPushSigner(): Promise<PushSigner> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = 'bench-key-1';
  const publicJwk: JWK = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  const jwks = JSON.stringify({ keys: [publicJwk] });
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' }).end(jwks);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const certsUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/certs`;
  return {
    certsUrl,
    publicJwk,
    sign: (iat = Math.floor(Date.now() / 1000)) => signPushToken(privateKey, kid, iat),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function signPushToken(privateKey: PrivateKey, kid: string, iat: number): Promise<string> {
  const sub = '112233445566778899001';
  return new SignJWT({ azp: sub, email: BENCH_PUSH_ACCOUNT, email_verified: true })
    .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
    .setIssuer('https://accounts.google.com')
    .setAudience(BENCH_AUDIENCE)
    .setSubject(sub)
    .setIssuedAt(iat)
    .setExpirationTime(iat + 3600)
    .sign(privateKey);
}
