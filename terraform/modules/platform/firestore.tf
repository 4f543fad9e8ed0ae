# The Firestore database, the TTL policies on recorded failures and on the
# message log, and the composite indexes that the code's queries need.

locals {
  # Failed delivery attempts are recorded in a collection group of this name
  # and expire at their expireAt timestamp (issue 5). The unit tests compare
  # these names with the code's.
  failures_collection = "failures"
  failure_ttl_field   = "expireAt"

  # The message log (issue 14): one document per event per queue in the `log`
  # collection of each tenant, deleted by its TTL on expireAt. Names as in
  # functions/src/message-log/log-entry.ts; the unit tests compare them.
  log_collection = "log"
  log_ttl_field  = "expireAt"
  # Fields no query filters on: large (the kept event) or nested (attempts).
  # Exempt from indexing, so that an entry's writes do not pay for index entries.
  log_unindexed_fields = ["event", "attempts", "reason"]

  # Composite indexes, keyed by name. The failures and queues queries filter or
  # order on a single field, which Firestore's automatic single-field indexes
  # serve. The message log's searches (newest first, by any combination of
  # queue, status, type, subject, subject prefix and source, within a time
  # range) are served by one index per searchable field, each with
  # publishTimeMs descending: Firestore merges them for a combination of
  # equality filters (index merging), so that no search scans. Scope COLLECTION:
  # every search is within one tenant's tenants/{t}/log.
  composite_indexes = {
    log_queue = {
      collection  = "log"
      query_scope = "COLLECTION"
      fields = [
        { field_path = "queue", order = "ASCENDING", array_config = null },
        { field_path = "publishTimeMs", order = "DESCENDING", array_config = null },
      ]
    }
    log_state = {
      collection  = "log"
      query_scope = "COLLECTION"
      fields = [
        { field_path = "state", order = "ASCENDING", array_config = null },
        { field_path = "publishTimeMs", order = "DESCENDING", array_config = null },
      ]
    }
    log_type = {
      collection  = "log"
      query_scope = "COLLECTION"
      fields = [
        { field_path = "type", order = "ASCENDING", array_config = null },
        { field_path = "publishTimeMs", order = "DESCENDING", array_config = null },
      ]
    }
    log_subject = {
      collection  = "log"
      query_scope = "COLLECTION"
      fields = [
        { field_path = "subject", order = "ASCENDING", array_config = null },
        { field_path = "publishTimeMs", order = "DESCENDING", array_config = null },
      ]
    }
    log_source = {
      collection  = "log"
      query_scope = "COLLECTION"
      fields = [
        { field_path = "source", order = "ASCENDING", array_config = null },
        { field_path = "publishTimeMs", order = "DESCENDING", array_config = null },
      ]
    }
    log_subject_prefixes = {
      collection  = "log"
      query_scope = "COLLECTION"
      fields = [
        { field_path = "subjectPrefixes", order = null, array_config = "CONTAINS" },
        { field_path = "publishTimeMs", order = "DESCENDING", array_config = null },
      ]
    }
  }
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
      field_path   = fields.value.field_path
      order        = fields.value.order
      array_config = fields.value.array_config
    }
  }

  depends_on = [google_firestore_database.eventq]
}

resource "google_firestore_field" "log_ttl" {
  project    = var.project_id
  database   = var.firestore.database
  collection = local.log_collection
  field      = local.log_ttl_field

  # Entries expire EVENTQ_MESSAGE_LOG_RETENTION_DAYS after their last write.
  ttl_config {}

  # As for failures: nobody queries the expiry time.
  index_config {}

  depends_on = [google_firestore_database.eventq]
}

resource "google_firestore_field" "log_unindexed" {
  for_each = toset(local.log_unindexed_fields)

  project    = var.project_id
  database   = var.firestore.database
  collection = local.log_collection
  field      = each.value

  index_config {}

  depends_on = [google_firestore_database.eventq]
}

# Hourly delivery counts (issue 15): dispatch adds each flush's counts to
# tenants/{t}/queues/{q}/statsHours/{hour}_{instance} beside its total shard;
# a bucket is deleted 8 days after its hour (the api answers at most 7 days).
# Names as in functions/src/stats/hour-buckets.ts; the unit tests compare them.
locals {
  stats_hours_collection = "statsHours"
  stats_hours_ttl_field  = "expireAt"
  # The api's range query reads hourMs (Firestore's automatic single-field
  # index serves it); no query reads the counters, so their index entries
  # would only cost each flush's writes.
  stats_hours_unindexed_fields = [
    "delivered", "failedAttempts", "deadLettered", "filteredOut",
    "repliesPublished", "repliesRefused", "repliesDropped",
  ]
}

resource "google_firestore_field" "stats_hours_ttl" {
  project    = var.project_id
  database   = var.firestore.database
  collection = local.stats_hours_collection
  field      = local.stats_hours_ttl_field

  ttl_config {}
  # Nobody queries the expiry time.
  index_config {}

  depends_on = [google_firestore_database.eventq]
}

resource "google_firestore_field" "stats_hours_unindexed" {
  for_each = toset(local.stats_hours_unindexed_fields)

  project    = var.project_id
  database   = var.firestore.database
  collection = local.stats_hours_collection
  field      = each.value

  index_config {}

  depends_on = [google_firestore_database.eventq]
}
