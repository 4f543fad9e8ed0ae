// The JSON Schemas of POST /v1/portal-sessions (console sign-in links), kept
// beside api-schemas.ts, which spreads them into the API's components.

/** 1 hour by default, at most 7 days (CONTRACT.md). */
export const DEFAULT_PORTAL_SESSION_SECONDS = 3600;
export const MAX_PORTAL_SESSION_SECONDS = 7 * 24 * 3600;
export const MIN_PORTAL_SESSION_SECONDS = 60;

export const portalSessionSchemas = {
  CreatePortalSession: {
    type: 'object',
    additionalProperties: false,
    properties: {
      access: {
        enum: ['read', 'manage'],
        default: 'manage',
        description:
          'read: the console shows everything and changes nothing (the api refuses its writes with 403).',
      },
      ttlSeconds: {
        type: 'integer',
        minimum: MIN_PORTAL_SESSION_SECONDS,
        maximum: MAX_PORTAL_SESSION_SECONDS,
        default: DEFAULT_PORTAL_SESSION_SECONDS,
        description: 'How long the link and the session it opens last: 60 s to 7 days (604800 s).',
      },
    },
  },
  PortalSession: {
    type: 'object',
    required: ['url', 'expiresAt', 'access'],
    properties: {
      url: {
        type: 'string',
        format: 'uri',
        description:
          'Opens the console for the tenant once: its one-time code is in the fragment, which browsers never send to a server.',
      },
      expiresAt: { type: 'string', format: 'date-time', description: 'The link and its session end then.' },
      access: { enum: ['read', 'manage'] },
    },
  },
} as const;
