// The local stand-in for Google's push delivery. Local push subscriptions
// point here. The Pub/Sub emulator's own push loop is not fit to stand in for
// production (docs/architecture.md), so the relay takes each of its pushes at
// once, answers 204 (the emulator acks), and the push engine
// (push-engine/push-engine.ts) delivers the message as Pub/Sub would: with the
// OIDC token Google mints, many pushes in flight, the retry policy, push
// backoff, numbered attempts and dead letters. dispatch verifies the token
// against this relay's /certs with the same code as in production.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PubSub } from '@google-cloud/pubsub';
import { closeEmulatorRest } from './push-engine/emulator-rest';
import { MalformedPushError, type PushEngine, startPushEngine } from './push-engine/push-engine';
import { closePushAgents } from './push-engine/push-request';
import { createPushTokenMinter } from './push-engine/push-token-minter';

export interface TokenRelay {
  readonly url: string;
  /** The push endpoint of queue subscriptions: delivered to dispatch. */
  readonly pushEndpoint: string;
  readonly certsUrl: string;
  /** A push endpoint that the engine delivers to `target` instead (a push subscription straight to it). */
  pushEndpointFor(target: string): string;
  /** How many tokens were minted: Google reuses a token for many pushes, and so does the relay. */
  readonly mintedTokens: () => number;
  readonly engine: PushEngine;
  close(): Promise<void>;
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export async function startTokenRelay(options: {
  port: number;
  dispatchUrl: string;
  pubsubEmulatorHost: string;
  projectId: string;
  pubsub: () => PubSub;
}): Promise<TokenRelay> {
  const minter = await createPushTokenMinter();
  let engine: PushEngine | undefined;

  const server = http.createServer(async (req, res) => {
    try {
      if (req.method === 'GET' && req.url === '/certs') {
        res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'public, max-age=3600' });
        res.end(JSON.stringify({ keys: [minter.publicJwk] }));
        return;
      }
      const path = req.url?.split('?')[0];
      if (req.method !== 'POST' || path !== '/push' || !engine) {
        res.writeHead(404).end();
        return;
      }
      await engine.accept(JSON.parse((await readBody(req)).toString()));
      // 204: the emulator acks, and the engine owns the message from here.
      res.writeHead(204).end();
    } catch (error) {
      // Anything else than 204 makes the emulator push the message again a second later.
      const status = error instanceof MalformedPushError || error instanceof SyntaxError ? 400 : 503;
      res.writeHead(status, { 'content-type': 'text/plain' }).end(`relay: ${(error as Error).message}`);
    }
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', resolve);
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const pushEndpoint = `${url}/push`;
  engine = startPushEngine({
    emulatorHost: options.pubsubEmulatorHost,
    projectId: options.projectId,
    pushEndpoint,
    defaultTarget: options.dispatchUrl,
    minter,
    pubsub: options.pubsub,
  });
  const running = engine;
  return {
    url,
    pushEndpoint,
    certsUrl: `${url}/certs`,
    pushEndpointFor: (target) => `${pushEndpoint}?endpoint=${encodeURIComponent(target)}`,
    mintedTokens: () => minter.minted(),
    engine: running,
    close: () =>
      new Promise((resolve) => {
        running.close();
        closePushAgents();
        closeEmulatorRest();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
