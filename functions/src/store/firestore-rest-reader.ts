// Reads single Firestore documents over the REST API (documents.get) with
// node:http, for dispatch's one read: a queue definition. The Node client
// costs ~225 ms to import and opens a gRPC channel on first use, which is most
// of a cold start; this costs nothing to load. Like the client, it talks to the
// emulator by itself when FIRESTORE_EMULATOR_HOST is set (authorised as
// "owner", which the emulator accepts), and to Firestore with the service
// account's token from the metadata server otherwise.
import http from 'node:http';
import https from 'node:https';
import { decodeFirestoreFields, type FirestoreFields } from './firestore-value';
import { type AccessTokenSource, metadataAccessTokens } from './metadata-token';

const PRODUCTION_ORIGIN = 'https://firestore.googleapis.com';
const EMULATOR_TOKEN = 'owner';
const EXCERPT_CHARS = 200;

export interface FirestoreDocumentReader {
  /** The document's fields as plain values, or undefined when it does not exist. */
  get(documentPath: string): Promise<Record<string, unknown> | undefined>;
}

export interface FirestoreRestTarget {
  readonly origin: string;
  /** `/v1/projects/{p}/databases/{db}/documents`, encoded. */
  readonly documentsPath: string;
  readonly emulator: boolean;
}

export function firestoreRestTarget(
  projectId: string,
  databaseId: string,
  env: NodeJS.ProcessEnv = process.env,
): FirestoreRestTarget {
  const emulatorHost = env.FIRESTORE_EMULATOR_HOST;
  return {
    origin: emulatorHost ? `http://${emulatorHost}` : PRODUCTION_ORIGIN,
    documentsPath: `/v1/projects/${encodeURIComponent(projectId)}/databases/${encodeURIComponent(databaseId)}/documents`,
    emulator: Boolean(emulatorHost),
  };
}

export class FirestoreRestError extends Error {
  override readonly name = 'FirestoreRestError';
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

export function createFirestoreDocumentReader(options: {
  readonly target: FirestoreRestTarget;
  /** Production only; the emulator takes "owner". Default: the metadata server. */
  readonly accessToken?: AccessTokenSource;
  readonly timeoutMs: number;
}): FirestoreDocumentReader {
  const { target, timeoutMs } = options;
  const url = new URL(target.origin);
  const transport = url.protocol === 'https:' ? https : http;
  const agent = new transport.Agent({ keepAlive: true, maxSockets: 32 });
  const accessToken: AccessTokenSource = target.emulator
    ? () => Promise.resolve(EMULATOR_TOKEN)
    : (options.accessToken ?? metadataAccessTokens());

  const request = (path: string, token: string) =>
    new Promise<Record<string, unknown> | undefined>((resolve, reject) => {
      const req = transport.get(
        {
          protocol: url.protocol,
          hostname: url.hostname,
          port: url.port || undefined,
          path,
          agent,
          headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', reject);
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            if (res.statusCode === 404) return resolve(undefined);
            if (res.statusCode !== 200) {
              return reject(
                new FirestoreRestError(
                  `Firestore answered ${res.statusCode}: ${text.slice(0, EXCERPT_CHARS)}`,
                  res.statusCode,
                ),
              );
            }
            try {
              const document = JSON.parse(text) as { fields?: FirestoreFields };
              resolve(decodeFirestoreFields(document.fields ?? {}));
            } catch (error) {
              reject(error);
            }
          });
        },
      );
      req.setTimeout(timeoutMs, () =>
        req.destroy(new FirestoreRestError(`no answer within ${timeoutMs} ms`)),
      );
      req.on('error', reject);
    });

  return {
    async get(documentPath) {
      const encoded = documentPath.split('/').map(encodeURIComponent).join('/');
      return request(`${target.documentsPath}/${encoded}`, await accessToken());
    },
  };
}
