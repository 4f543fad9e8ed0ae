// The tenant API's routes (CONTRACT.md), matched by method and path.
import type { RouteHandler } from './api-context';
import { createQueue } from './queues/create-queue';
import { deleteQueue, getQueue, listQueues } from './queues/read-delete-queue';

interface Route {
  readonly method: string;
  readonly pattern: RegExp;
  readonly handler: RouteHandler;
}

const NAME = '(?<name>[^/:]+)';

export const routes: readonly Route[] = [
  { method: 'POST', pattern: /^\/v1\/queues$/, handler: createQueue },
  { method: 'GET', pattern: /^\/v1\/queues$/, handler: listQueues },
  { method: 'GET', pattern: new RegExp(`^/v1/queues/${NAME}$`), handler: getQueue },
  { method: 'DELETE', pattern: new RegExp(`^/v1/queues/${NAME}$`), handler: deleteQueue },
];

export type RouteMatch =
  | { readonly kind: 'found'; readonly handler: RouteHandler; readonly params: Record<string, string> }
  | { readonly kind: 'method-not-allowed'; readonly allow: string[] }
  | { readonly kind: 'not-found' };

export function matchRoute(method: string, path: string): RouteMatch {
  const allow: string[] = [];
  for (const route of routes) {
    const match = route.pattern.exec(path);
    if (!match) continue;
    if (route.method === method) {
      const params: Record<string, string> = {};
      for (const [k, v] of Object.entries(match.groups ?? {})) params[k] = decodeURIComponent(v);
      return { kind: 'found', handler: route.handler, params };
    }
    allow.push(route.method);
  }
  return allow.length > 0 ? { kind: 'method-not-allowed', allow } : { kind: 'not-found' };
}
