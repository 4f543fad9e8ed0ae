// Reads single Firestore documents over the REST API (documents.get) with
// node:http, for dispatch's one read: a queue definition. The Node client
// costs ~225 ms to import and opens a gRPC channel on first use, which is most
// of a cold start; this costs nothing to load. It talks to the emulator when
// the configuration names one (FIRESTORE_EMULATOR_HOST; authorised as "owner",
// which the emulator accepts), and to Firestore with the service account's
// token from the metadata server otherwise.
import http from 'node:http';
import https from 'node:https';
import type { ConfigOf } from '../config/config-variable';
import type { platformVariables } from '../config/platform-variables';
import { UnavailableError } from '../errors';
import { httpRequest } from '../net/http-request';
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
  /** Where a production token comes from. */
  readonly metadataHost: string;
}

/** Where Firestore and the metadata server are: the configuration's fields of these names. */
export type FirestoreRestHosts = Pick<
  ConfigOf<typeof platformVariables>,
  'firestoreEmulatorHost' | 'metadataHost'
>;

export function firestoreRestTarget(
  projectId: string,
  databaseId: string,
  hosts: FirestoreRestHosts,
): FirestoreRestTarget {
  const emulatorHost = hosts.firestoreEmulatorHost;
  return {
    origin: emulatorHost ? `http://${emulatorHost}` : PRODUCTION_ORIGIN,
    documentsPath: `/v1/projects/${encodeURIComponent(projectId)}/databases/${encodeURIComponent(databaseId)}/documents`,
    emulator: Boolean(emulatorHost),
    metadataHost: hosts.metadataHost,
  };
}

/** Firestore answered, but not with the document: retryable like every store failure. */
export class FirestoreRestError extends UnavailableError {
  constructor(
    detail: string,
    /** Firestore's HTTP status (`status` is the one eventq answers with). */
    readonly firestoreStatus?: number,
  ) {
    super(detail);
  }
}

/**
 * The bearer token for Firestore's REST API: "owner" for the emulator, which
 * accepts it; the service account's token from the metadata server otherwise.
 */
export function firestoreAccessToken(
  target: FirestoreRestTarget,
  override?: AccessTokenSource,
): AccessTokenSource {
  return target.emulator
    ? () => Promise.resolve(EMULATOR_TOKEN)
    : (override ?? metadataAccessTokens(target.metadataHost));
}

/** A keep-alive agent for `origin`'s scheme. */
export function firestoreAgent(origin: URL, maxSockets: number): http.Agent {
  return new (origin.protocol === 'https:' ? https : http).Agent({ keepAlive: true, maxSockets });
}

/** Firestore's answer as a thrown error, with the first characters of its body. */
export function firestoreAnswerError(what: string, status: number, text: string): FirestoreRestError {
  return new FirestoreRestError(`${what} answered ${status}: ${text.slice(0, EXCERPT_CHARS)}`, status);
}

export function createFirestoreDocumentReader(options: {
  readonly target: FirestoreRestTarget;
  /** Production only; the emulator takes "owner". Default: the metadata server. */
  readonly accessToken?: AccessTokenSource;
  readonly timeoutMs: number;
}): FirestoreDocumentReader {
  const { target, timeoutMs } = options;
  const origin = new URL(target.origin);
  const agent = firestoreAgent(origin, 32);
  const accessToken = firestoreAccessToken(target, options.accessToken);

  return {
    async get(documentPath) {
      const encoded = documentPath.split('/').map(encodeURIComponent).join('/');
      const url = new URL(`${target.documentsPath}/${encoded}`, origin);
      const answer = await httpRequest(url, {
        headers: { authorization: `Bearer ${await accessToken()}`, accept: 'application/json' },
        timeoutMs,
        agent,
      });
      if (answer.status === 404) return undefined;
      if (answer.status !== 200) throw firestoreAnswerError('Firestore', answer.status, answer.text);
      const document = JSON.parse(answer.text) as { fields?: FirestoreFields };
      return decodeFirestoreFields(document.fields ?? {});
    },
  };
}
