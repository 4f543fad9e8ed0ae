// GETs against the Pub/Sub emulator's REST API (the same resources as
// production's). The engine reads subscriptions this way because it lists
// them every half second: the client library would build a Subscription
// object, with its subscriber machinery, for every entry of every listing.
import http from 'node:http';

const TIMEOUT_MS = 5_000;
const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });

export class EmulatorNotFoundError extends Error {}

export function getEmulatorJson(host: string, path: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const req = http.get(`http://${host}${path}`, { agent, timeout: TIMEOUT_MS }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        if (res.statusCode === 404) reject(new EmulatorNotFoundError(`${path} not found`));
        else if (res.statusCode !== 200)
          reject(new Error(`GET ${path}: ${res.statusCode} ${text.slice(0, 200)}`));
        else {
          try {
            resolve(JSON.parse(text || '{}'));
          } catch (error) {
            reject(error);
          }
        }
      });
    });
    req.on('timeout', () => req.destroy(new Error(`no answer from the emulator for GET ${path}`)));
    req.on('error', reject);
  });
}

export function closeEmulatorRest(): void {
  agent.destroy();
}
