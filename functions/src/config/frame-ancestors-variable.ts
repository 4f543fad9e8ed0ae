// EVENTQ_CONSOLE_FRAME_ANCESTORS: the origins that may embed the tenant
// console in a frame, as the CSP `frame-ancestors` directive lists them
// (CSP Level 3, 6.4.2). Empty: no one may (frame-ancestors 'none').
import { ConfigError } from '../errors';
import type { ConfigVariable } from './config-variable';

/** A scheme, a host (optionally `*.` for its subdomains) and a port: what the platform's app is served from. */
const ORIGIN =
  /^https?:\/\/(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:\d{1,5})?$/;

export function frameAncestorsVar(name: string, description: string): ConfigVariable<string[]> {
  return {
    name,
    description,
    defaultValue: [],
    parse: (raw) => {
      const origins = raw
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s.length > 0);
      for (const origin of origins) {
        if (!ORIGIN.test(origin)) {
          throw new ConfigError(
            `${name}: "${origin}" is not an origin such as https://app.example.com (scheme, host, optional port; no path)`,
          );
        }
      }
      return origins;
    },
  };
}
