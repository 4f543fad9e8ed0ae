// `eventq dev-receiver`: a local webhook receiver for trying eventq out. It
// grants the CloudEvents validation handshake, prints each delivery as one
// JSON line, checks its Standard Webhooks signature when given the secret or
// public key, and its bearer JWT with --verify-token (delivery-token-check.ts).

import { timingSafeEqual, verify } from 'node:crypto';
import http from 'node:http';
import { Command } from 'commander';
import { toStructuredJson } from '../../functions/src/cloudevents/json-format';
import { ed25519PublicKey } from '../../functions/src/delivery/ed25519-keys';
import { signWebhook } from '../../functions/src/delivery/webhook-signature';
import { resolveApiUrl } from '../cli-config';
import { CliError, ExitCode } from '../cli-error';
import { type DeliveryTokenChecker, deliveryTokenChecker } from '../delivery-token-check';

function signatureValid(secret: string, headers: http.IncomingHttpHeaders, body: Buffer): boolean {
  const id = String(headers['webhook-id'] ?? '');
  const timestamp = Number(headers['webhook-timestamp']);
  const expected = Buffer.from(signWebhook([secret], id, timestamp, body));
  return String(headers['webhook-signature'] ?? '')
    .split(' ')
    .some((candidate) => {
      const given = Buffer.from(candidate);
      return given.length === expected.length && timingSafeEqual(given, expected);
    });
}

/** Whether any `v1a,…` signature of the header verifies with the queue's `whpk_` public key. */
function asymmetricSignatureValid(
  publicKey: string,
  headers: http.IncomingHttpHeaders,
  body: Buffer,
): boolean {
  const key = ed25519PublicKey(publicKey);
  const content = Buffer.concat([
    Buffer.from(`${headers['webhook-id']}.${headers['webhook-timestamp']}.`),
    body,
  ]);
  return String(headers['webhook-signature'] ?? '')
    .split(' ')
    .filter((candidate) => candidate.startsWith('v1a,'))
    .some((candidate) => verify(null, content, key, Buffer.from(candidate.slice(4), 'base64')));
}

/** JSON as JSON, UTF-8 text as a string, other bytes as `data_base64`, as the CloudEvents JSON format carries them. */
function printableData(
  body: Buffer,
  contentType: string | undefined,
): { data?: unknown; data_base64?: unknown } {
  const attributes: Record<string, string> = contentType ? { datacontenttype: contentType } : {};
  const { data, data_base64 } = toStructuredJson({ attributes, data: body });
  return data_base64 === undefined ? { data } : { data_base64 };
}

interface DevReceiverOptions {
  readonly port: string;
  readonly secret?: string;
  readonly publicKey?: string;
  readonly verifyToken?: boolean;
  readonly sub?: string;
}

export function devReceiverCommand(globals: () => { api?: string } = () => ({})): Command {
  return new Command('dev-receiver')
    .description('run a local webhook that accepts eventq deliveries and prints them (for trying eventq out)')
    .option('--port <port>', 'port on 127.0.0.1', '4000')
    .option('--secret <whsec>', "a v1 queue's secret: check each delivery's signature")
    .option('--public-key <whpk>', "a v1a queue's public key: check each delivery's Ed25519 signature")
    .option(
      '--verify-token',
      "check each delivery's bearer JWT with the api's keys: its issuer, and that its audience is the URL it was delivered to",
    )
    .option('--sub <tenant/queue>', 'with --verify-token: the queue the token must come from (its sub claim)')
    .addHelpText(
      'after',
      '\nExample:\n  $ eventq dev-receiver --port 4000 &\n  $ eventq queues mk-push demo http://127.0.0.1:4000/hook\n  $ eventq dev-receiver --port 4000 --verify-token --sub acme/demo',
    )
    .action(async (opts: DevReceiverOptions) => {
      if (opts.sub !== undefined && !opts.verifyToken) {
        throw new CliError('--sub is checked in the token: add --verify-token', ExitCode.Usage);
      }
      const checkToken: DeliveryTokenChecker | undefined = opts.verifyToken
        ? deliveryTokenChecker({
            apiUrl: resolveApiUrl(globals()),
            ...(opts.sub === undefined ? {} : { subject: opts.sub }),
          })
        : undefined;
      // A wrong key is a mistake to say now, not a signatureValid: false on every delivery.
      if (opts.publicKey !== undefined) {
        try {
          ed25519PublicKey(opts.publicKey);
        } catch {
          throw new CliError(
            '--public-key must be a whpk_ key as the queue shows it (32 bytes, base64)',
            ExitCode.Usage,
          );
        }
      }
      const server = http.createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', async () => {
          if (req.method === 'OPTIONS') {
            const origin = String(req.headers['webhook-request-origin'] ?? '*');
            process.stderr.write(`validation handshake from ${origin}: granted\n`);
            res.writeHead(200, { 'webhook-allowed-origin': origin }).end();
            return;
          }
          const body = Buffer.concat(chunks);
          const ce = Object.fromEntries(
            Object.entries(req.headers)
              .filter(([k]) => k.startsWith('ce-'))
              .map(([k, v]) => [k.slice(3), decodeURIComponent(String(v))]),
          );
          const contentType = req.headers['content-type'];
          // The audience is the sink URL the queue registered, which is where this request was sent.
          const deliveredTo = `http://${req.headers.host}${req.url ?? '/'}`;
          const token = checkToken ? await checkToken(req.headers, deliveredTo) : undefined;
          const line = {
            webhookId: req.headers['webhook-id'],
            ...(opts.secret ? { signatureValid: signatureValid(opts.secret, req.headers, body) } : {}),
            ...(opts.publicKey
              ? { signatureValid: asymmetricSignatureValid(opts.publicKey, req.headers, body) }
              : {}),
            contentType,
            ...token,
            attributes: ce,
            ...printableData(body, contentType),
          };
          process.stdout.write(`${JSON.stringify(line)}\n`);
          res.writeHead(204).end();
        });
      });
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(Number(opts.port), '127.0.0.1', resolve);
      });
      process.stderr.write(`dev-receiver listening on http://127.0.0.1:${opts.port}/ (Ctrl-C stops)\n`);
      await new Promise<void>((resolve) => process.once('SIGINT', resolve));
      server.close();
    });
}
