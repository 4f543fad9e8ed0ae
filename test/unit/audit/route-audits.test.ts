// Every route that can change something is audited by its own declaration
// (api/route-audits.ts), so that a route added later cannot slip past the
// audit trail unnoticed; and no route changes or deletes an audit entry.

import { auditOf, ROUTE_AUDITS } from '../../../functions/src/api/route-audits';
import { routes } from '../../../functions/src/api/route-table';
import { defaultAuditSpec, isMutatingMethod, READ_ONLY } from '../../../functions/src/audit/audit-spec';

const key = (route: { method: string; path: string }) => `${route.method} ${route.path}`;
const mutating = routes.filter((route) => isMutatingMethod(route.method));

test.each(mutating.map((route) => [key(route)]))('%s declares how it is audited', (name) => {
  expect(ROUTE_AUDITS[name]).toBeDefined();
});

test('declares nothing for a route that does not exist', () => {
  const known = new Set(mutating.map(key));
  expect(Object.keys(ROUTE_AUDITS).filter((name) => !known.has(name))).toEqual([]);
});

test('a mutating route without a declaration is audited all the same, by method and path', () => {
  const spec = auditOf('POST', '/v1/not-declared/{id}');
  expect(spec).not.toBe(READ_ONLY);
  expect(spec).toEqual(expect.objectContaining({ type: 'api.post /v1/not-declared/{id}' }));
  const { resource } = defaultAuditSpec('POST', '/v1/not-declared/{id}');
  expect(
    resource({ method: 'POST', route: '/v1/not-declared/{id}', params: { id: 'x1' }, body: undefined }),
  ).toBe('x1');
});

test('the only route of the audit trail reads it: none changes or deletes an entry', () => {
  const auditRoutes = routes.filter((route) => route.path.startsWith('/v1/audit'));
  expect(auditRoutes.map(key)).toEqual(['GET /v1/audit']);
});
