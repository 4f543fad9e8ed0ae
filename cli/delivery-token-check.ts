// What `eventq dev-receiver --verify-token` checks of a delivery's
// `authorization: Bearer <JWT>`, as the README tells receivers to: signed with
// a key of the api's JWKS (GET /.well-known/jwks.json), issued by the api,
// for the URL it was delivered to (`aud`), and, when the receiver names its
// queue, from that queue (`sub` = `<tenant>/<queue>`): any tenant may register
// a receiver's URL as its own sink, and only `sub` tells them apart.
import type { IncomingHttpHeaders } from 'node:http';
import { createRemoteJWKSet, jwtVerify } from 'jose';

export interface TokenCheck {
  readonly tokenValid: boolean;
  /** The token's `sub`, when it could be read. */
  readonly tokenSubject?: string;
  /** Why the token is not valid. */
  readonly tokenProblem?: string;
}

export type DeliveryTokenChecker = (headers: IncomingHttpHeaders, deliveredTo: string) => Promise<TokenCheck>;

export function deliveryTokenChecker(options: {
  /** The api's base URL: the issuer, and where its keys are. */
  readonly apiUrl: string;
  /** `<tenant>/<queue>` the token must name. */
  readonly subject?: string;
}): DeliveryTokenChecker {
  const issuer = options.apiUrl.replace(/\/+$/, '');
  const keys = createRemoteJWKSet(new URL(`${issuer}/.well-known/jwks.json`));
  return async (headers, deliveredTo) => {
    const token = /^Bearer\s+(\S+)$/.exec(String(headers.authorization ?? ''))?.[1];
    if (!token) return { tokenValid: false, tokenProblem: 'no Authorization: Bearer token' };
    try {
      const { payload } = await jwtVerify(token, keys, {
        issuer,
        audience: deliveredTo,
        ...(options.subject === undefined ? {} : { subject: options.subject }),
      });
      return { tokenValid: true, ...(payload.sub === undefined ? {} : { tokenSubject: payload.sub }) };
    } catch (error) {
      const sub = unverifiedSubject(token);
      return {
        tokenValid: false,
        ...(sub === undefined ? {} : { tokenSubject: sub }),
        tokenProblem: error instanceof Error ? error.message : String(error),
      };
    }
  };
}

/** The `sub` of a token that did not verify, to say whose it was; never trusted. */
function unverifiedSubject(token: string): string | undefined {
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
      sub?: unknown;
    };
    return typeof payload.sub === 'string' ? payload.sub : undefined;
  } catch {
    return undefined;
  }
}
