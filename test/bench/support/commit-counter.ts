// A pass-through HTTP proxy in front of the Firestore emulator that counts the
// message log's commits (documents:commit requests whose writes name
// tenants/{t}/log/ documents) and their writes, so that the benchmark reports
// what dispatch actually sent, not what it meant to.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CommitCounter {
  /** host:port, for FIRESTORE_EMULATOR_HOST. */
  readonly host: string;
  /** Message-log commits answered 2xx so far. */
  logCommits(): number;
  /** Writes those commits carried. */
  logWrites(): number;
  close(): Promise<void>;
}

const LOG_DOCUMENT = /\/documents\/tenants\/[^/"]+\/log\//g;

export interface CommitCounterOptions {
  /**
   * Answer the message log's commits here instead of passing them on: in
   * production Firestore is remote and applies the writes on Google's
   * machines, while here the emulator's Java would apply them on the same two
   * cores as dispatch and the figure would measure the emulator. Every other
   * request (queue reads) still goes to the emulator.
   */
  readonly answerLogCommits?: boolean;
}

export async function startCommitCounter(
  firestoreHost: string,
  options: CommitCounterOptions = {},
): Promise<CommitCounter> {
  const [targetHost, targetPort] = firestoreHost.split(':');
  let commits = 0;
  let writes = 0;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const isCommit = req.method === 'POST' && (req.url ?? '').endsWith(':commit');
      const logWrites = isCommit ? (body.toString('utf8').match(LOG_DOCUMENT)?.length ?? 0) : 0;
      if (logWrites > 0 && options.answerLogCommits) {
        // Checked as Firestore would parse it: a body that is not one JSON commit fails the bench.
        const parsed = JSON.parse(body.toString('utf8')) as { writes: unknown[] };
        commits++;
        writes += logWrites;
        const commitTime = new Date().toISOString();
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({ writeResults: parsed.writes.map(() => ({ updateTime: commitTime })), commitTime }),
        );
        return;
      }
      const upstream = http.request(
        {
          host: targetHost,
          port: Number(targetPort),
          method: req.method,
          path: req.url,
          headers: req.headers,
          agent,
        },
        (answer) => {
          if (logWrites > 0 && (answer.statusCode ?? 500) < 300) {
            commits++;
            writes += logWrites;
          }
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on('error', () => res.writeHead(502).end());
      upstream.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    host: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    logCommits: () => commits,
    logWrites: () => writes,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        agent.destroy();
        server.close(() => resolve());
      }),
  };
}
