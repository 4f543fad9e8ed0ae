// The security headers of every console response. The console runs no inline
// script and talks to no other origin, so the policy can be strict: only this
// origin, for everything (default-src 'self'), and frames only inside the
// operator's allowlist. No page of it leaks its URL to another site
// (Referrer-Policy: no-referrer), though no URL of it ever holds a secret once
// the console has read its link.

export function contentSecurityPolicy(frameAncestors: readonly string[]): string {
  return [
    "default-src 'self'",
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    `frame-ancestors ${frameAncestors.length > 0 ? frameAncestors.join(' ') : "'none'"}`,
  ].join('; ');
}

export function consoleHeaders(frameAncestors: readonly string[]): Record<string, string> {
  return {
    'content-security-policy': contentSecurityPolicy(frameAncestors),
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
    // Browsers too old for frame-ancestors still honour this; it cannot list origins, so only when none may frame.
    ...(frameAncestors.length === 0 ? { 'x-frame-options': 'DENY' } : {}),
  };
}
