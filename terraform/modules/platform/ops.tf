# The operator-wide ops topic, eventq_ops: every tenant's operational events
# (each is also on its tenant's eventq-<t>-ops), for the operator to subscribe
# to. Once per project; ensureOperatorOpsTopic in
# functions/src/pubsub/tenant-topics.ts creates the same in the local stack.
# The underscore keeps it out of the tenant id alphabet.

locals {
  operator_ops_topic_id = "eventq_ops"
  # OPS_TOPIC_RETENTION_SECONDS: as the tenant topics, so that a subscription can replay by time.
  operator_ops_topic_retention_seconds = 604800
}

resource "google_pubsub_topic" "operator_ops" {
  project                    = var.project_id
  name                       = local.operator_ops_topic_id
  message_retention_duration = "${local.operator_ops_topic_retention_seconds}s"
  labels                     = var.labels

  depends_on = [google_project_service.enabled]
}

# The api publishes the events of API actions, dispatch those of deliveries.
resource "google_pubsub_topic_iam_member" "operator_ops" {
  for_each = {
    "api-publisher"      = google_service_account.eventq["api"].member
    "dispatch-publisher" = google_service_account.eventq["dispatch"].member
  }

  project = var.project_id
  topic   = google_pubsub_topic.operator_ops.name
  role    = "roles/pubsub.publisher"
  member  = each.value
}
