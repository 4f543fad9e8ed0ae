// GET /v1/audit: the tenant's audit trail, newest first (audit/audit-search.ts
// for the parameters). Only the caller's own tenant's entries: the store reads
// tenants/{t}/audit of the token's tenant, whatever the query says.
import { parseAuditSearch } from '../audit/audit-search';
import type { RouteHandler } from './api-context';

export const listAudit: RouteHandler = async ({ tenant, query }, services) => {
  const search = parseAuditSearch(query);
  return { status: 200, body: await services.audit.search(tenant, search) };
};
