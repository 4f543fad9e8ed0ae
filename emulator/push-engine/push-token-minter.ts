// The local stand-in for the OIDC token Google attaches to every push: RS256,
// the claims Google sets (iss, aud, azp, sub, email, email_verified, iat,
// exp one hour later), reused until five minutes before expiry, as Google
// does. dispatch verifies it against `publicJwk`, served at the relay's /certs.
import { createHash } from 'node:crypto';
import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';

const TOKEN_LIFETIME_SECONDS = 3600;
const RENEW_BEFORE_SECONDS = 300;

export interface OidcSettings {
  readonly serviceAccountEmail: string;
  readonly audience: string;
}

export interface PushTokenMinter {
  readonly publicJwk: JWK;
  tokenFor(settings: OidcSettings): Promise<string>;
  /** How many tokens were minted: Google reuses a token for many pushes, and so does the relay. */
  minted(): number;
}

/** A stable numeric id for a service account, as Google puts in `sub` and `azp`. */
function uniqueId(email: string): string {
  return BigInt(`0x${createHash('sha256').update(email).digest('hex').slice(0, 15)}`)
    .toString()
    .padStart(21, '1');
}

export async function createPushTokenMinter(): Promise<PushTokenMinter> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = `relay-${Date.now().toString(36)}`;
  const publicJwk: JWK = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  const tokens = new Map<string, { token: Promise<string>; renewAt: number }>();
  let minted = 0;

  function mint(settings: OidcSettings, now: number): Promise<string> {
    const id = uniqueId(settings.serviceAccountEmail);
    minted += 1;
    return new SignJWT({ azp: id, email: settings.serviceAccountEmail, email_verified: true })
      .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
      .setIssuer('https://accounts.google.com')
      .setAudience(settings.audience)
      .setSubject(id)
      .setIssuedAt(now)
      .setExpirationTime(now + TOKEN_LIFETIME_SECONDS)
      .sign(privateKey);
  }

  return {
    publicJwk,
    minted: () => minted,
    tokenFor(settings) {
      const key = `${settings.serviceAccountEmail}\n${settings.audience}`;
      const now = Math.floor(Date.now() / 1000);
      const cached = tokens.get(key);
      if (cached && cached.renewAt > now) return cached.token;
      // Kept as a promise, so that concurrent pushes share one signature.
      const token = mint(settings, now);
      tokens.set(key, { token, renewAt: now + TOKEN_LIFETIME_SECONDS - RENEW_BEFORE_SECONDS });
      token.catch(() => tokens.delete(key));
      return token;
    },
  };
}
