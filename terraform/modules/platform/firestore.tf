# The Firestore database, the TTL policy on recorded failures, and the
# composite indexes that the code's queries need.

locals {
  # Failed delivery attempts are recorded in a collection group of this name
  # and expire at their expireAt timestamp (issue 5). The unit tests compare
  # these names with the code's.
  failures_collection = "failures"
  failure_ttl_field   = "expireAt"

  # Composite indexes, keyed by name. None today: every query the code makes
  # filters or orders on a single field (queues ordered by name within one
  # tenant; failures newest first within one queue), which Firestore's
  # automatic single-field indexes serve. The unit tests check that any index
  # added here is on a collection the code writes.
  composite_indexes = {}
}

resource "google_firestore_database" "eventq" {
  count = var.firestore.create ? 1 : 0

  project                 = var.project_id
  name                    = var.firestore.database
  location_id             = coalesce(var.firestore.location, var.region)
  type                    = "FIRESTORE_NATIVE"
  delete_protection_state = var.firestore.delete_protected ? "DELETE_PROTECTION_ENABLED" : "DELETE_PROTECTION_DISABLED"
  deletion_policy         = var.firestore.delete_protected ? "ABANDON" : "DELETE"

  depends_on = [google_project_service.enabled]
}

resource "google_firestore_field" "failure_ttl" {
  project    = var.project_id
  database   = var.firestore.database
  collection = local.failures_collection
  field      = local.failure_ttl_field

  ttl_config {}

  # Nobody queries the expiry time, and an index on an always-increasing
  # timestamp would be a write hotspot: exempt it from indexing.
  index_config {}

  depends_on = [google_firestore_database.eventq]
}

# Console sign-in (issue 15): one-time portal links and the sessions made from
# them, portalSessions/{hash}, deleted after their expireAt. The code checks
# expireAt itself too, since TTL deletion may lag by a day.
resource "google_firestore_field" "portal_session_ttl" {
  project    = var.project_id
  database   = var.firestore.database
  collection = "portalSessions"
  field      = "expireAt"

  ttl_config {}
  index_config {}

  depends_on = [google_firestore_database.eventq]
}

resource "google_firestore_index" "composite" {
  for_each = local.composite_indexes

  project     = var.project_id
  database    = var.firestore.database
  collection  = each.value.collection
  query_scope = each.value.query_scope

  dynamic "fields" {
    for_each = each.value.fields
    content {
      field_path = fields.value.field_path
      order      = fields.value.order
    }
  }

  depends_on = [google_firestore_database.eventq]
}
