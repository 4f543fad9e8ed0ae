# The audit trail (issue 16): one document per entry in the `audit`
# collection of each tenant, tenants/{t}/audit/{id}, written once and deleted
# by its TTL on expireAt (EVENTQ_AUDIT_RETENTION_DAYS after it was written).
# Names as in functions/src/audit/audit-entry.ts; the unit tests compare them.

locals {
  audit_collection = "audit"
  audit_ttl_field  = "expireAt"

  # GET /v1/audit filters by equality on any of resource, type and actor, within
  # a time range, newest first: one index per filter field, each with timeMs
  # descending, which Firestore merges for several filters at once
  # (test/unit/audit/audit-indexes.test.ts). Scope COLLECTION: every search is
  # within one tenant's tenants/{t}/audit.
  audit_indexes = {
    audit_resource = {
      collection  = "audit"
      query_scope = "COLLECTION"
      fields = [
        { field_path = "resource", order = "ASCENDING", array_config = null },
        { field_path = "timeMs", order = "DESCENDING", array_config = null },
      ]
    }
    audit_type = {
      collection  = "audit"
      query_scope = "COLLECTION"
      fields = [
        { field_path = "type", order = "ASCENDING", array_config = null },
        { field_path = "timeMs", order = "DESCENDING", array_config = null },
      ]
    }
    audit_actor = {
      collection  = "audit"
      query_scope = "COLLECTION"
      fields = [
        { field_path = "actor", order = "ASCENDING", array_config = null },
        { field_path = "timeMs", order = "DESCENDING", array_config = null },
      ]
    }
  }
}

resource "google_firestore_index" "audit" {
  for_each = local.audit_indexes

  project     = var.project_id
  database    = var.firestore.database
  collection  = each.value.collection
  query_scope = each.value.query_scope

  dynamic "fields" {
    for_each = each.value.fields
    content {
      field_path   = fields.value.field_path
      order        = fields.value.order
      array_config = fields.value.array_config
    }
  }

  depends_on = [google_firestore_database.eventq]
}

resource "google_firestore_field" "audit_ttl" {
  project    = var.project_id
  database   = var.firestore.database
  collection = local.audit_collection
  field      = local.audit_ttl_field

  ttl_config {}

  # Nobody queries the expiry time.
  index_config {}

  depends_on = [google_firestore_database.eventq]
}
