// The error for a path no route matches, or a method its routes do not take.
// Under /registry they are the xRegistry HTTP binding's (api_not_found,
// action_not_supported), elsewhere eventq's own.
import { type EventqError, MethodNotAllowedError, NotFoundError } from '../errors';
import { actionNotSupported, apiNotFound } from '../registry/registry-errors';

const REGISTRY_PREFIX = '/registry';

/** The path inside the registry, or undefined for a path outside it. */
function registryPath(path: string): string | undefined {
  if (path === REGISTRY_PREFIX) return '/';
  return path.startsWith(`${REGISTRY_PREFIX}/`) ? path.slice(REGISTRY_PREFIX.length) : undefined;
}

export function routeNotFound(method: string, path: string): EventqError {
  const inRegistry = registryPath(path);
  return inRegistry === undefined ? new NotFoundError(`no route ${method} ${path}`) : apiNotFound(inRegistry);
}

export function methodNotAllowed(method: string, path: string, allow: readonly string[]): EventqError {
  const inRegistry = registryPath(path);
  return inRegistry === undefined
    ? new MethodNotAllowedError(`${method} is not allowed here; use ${allow.join(' or ')}`)
    : actionNotSupported(method, inRegistry);
}
