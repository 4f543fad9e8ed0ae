// Finds the route of a request's method and path in the route table: the
// route and its decoded path parameters, or which methods the path has (405),
// or nothing (404).
import { type Route, routes } from './route-table';

interface CompiledRoute {
  readonly route: Route;
  readonly pattern: RegExp;
}

function compile(path: string): RegExp {
  const escaped = path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, '(?<$1>[^/:]+)');
  return new RegExp(`^${escaped}$`);
}

const compiled: readonly CompiledRoute[] = routes.map((route) => ({ route, pattern: compile(route.path) }));

export type RouteMatch =
  | { readonly kind: 'found'; readonly route: Route; readonly params: Record<string, string> }
  | { readonly kind: 'method-not-allowed'; readonly allow: string[] }
  | { readonly kind: 'not-found' };

export function matchRoute(method: string, path: string): RouteMatch {
  const allow: string[] = [];
  for (const { route, pattern } of compiled) {
    const match = pattern.exec(path);
    if (!match) continue;
    if (route.method === method) {
      const params: Record<string, string> = {};
      for (const [k, v] of Object.entries(match.groups ?? {})) {
        try {
          params[k] = decodeURIComponent(v);
        } catch {
          return { kind: 'not-found' };
        }
      }
      return { kind: 'found', route, params };
    }
    allow.push(route.method);
  }
  return allow.length > 0 ? { kind: 'method-not-allowed', allow } : { kind: 'not-found' };
}
