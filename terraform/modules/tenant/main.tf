# One tenant's Pub/Sub resources, as ensureTenantTopics creates them in the
# local stack (functions/src/pubsub/tenant-topics.ts): its topic, its
# dead-letter topic and the subscription that keeps its dead letters, its ops
# topic (eventq's operational events about its resources); and the IAM that
# dead-lettering and the ops stream need. Queue subscriptions are created at run time by
# the api; static_queues declares pull queues here instead.

locals {
  # The same names and settings as the code; test/unit/terraform/parity.test.ts
  # checks that they agree.
  topic_id                    = "eventq-${var.tenant_id}"
  dead_letter_topic_id        = "eventq-${var.tenant_id}-dead"
  dead_letter_subscription_id = "eventq-${var.tenant_id}-dead"
  ops_topic_id                = "eventq-${var.tenant_id}-ops"

  # TOPIC_RETENTION_SECONDS: 7 days in which a queue can replay by time.
  topic_retention_seconds = 604800
  # OPS_TOPIC_RETENTION_SECONDS: as the tenant topic, so that an ops queue can replay by time.
  ops_topic_retention_seconds = 604800
  # DEAD_LETTER_RETENTION_SECONDS: the longest that Pub/Sub keeps messages on a subscription.
  dead_letter_retention_seconds    = 604800
  dead_letter_ack_deadline_seconds = 60
  # PUSH_ACK_DEADLINE_SECONDS and SUBSCRIPTION_RETENTION_SECONDS of queue subscriptions.
  queue_ack_deadline_seconds = 60
  queue_retention_seconds    = 604800

  static_queue_subscribers = merge([
    for queue, spec in var.static_queues : {
      for member in spec.subscribers : "${queue}/${member}" => { queue = queue, member = member }
    }
  ]...)
}

resource "google_pubsub_topic" "topic" {
  project                    = var.project_id
  name                       = local.topic_id
  message_retention_duration = "${local.topic_retention_seconds}s"
  labels                     = merge(var.labels, { "eventq-tenant" = var.tenant_id })
}

resource "google_pubsub_topic" "dead_letter" {
  project                    = var.project_id
  name                       = local.dead_letter_topic_id
  message_retention_duration = "${local.dead_letter_retention_seconds}s"
  labels                     = merge(var.labels, { "eventq-tenant" = var.tenant_id })
}

# eventq's operational events about this tenant's resources (queue.disabled,
# delivery.failing, ...): queues with "stream": "ops" read it.
resource "google_pubsub_topic" "ops" {
  project                    = var.project_id
  name                       = local.ops_topic_id
  message_retention_duration = "${local.ops_topic_retention_seconds}s"
  labels                     = merge(var.labels, { "eventq-tenant" = var.tenant_id })
}

resource "google_pubsub_subscription" "dead_letters" {
  project                    = var.project_id
  name                       = local.dead_letter_subscription_id
  topic                      = google_pubsub_topic.dead_letter.id
  ack_deadline_seconds       = local.dead_letter_ack_deadline_seconds
  message_retention_duration = "${local.dead_letter_retention_seconds}s"
  labels = {
    "eventq-tenant" = var.tenant_id
    "eventq-role"   = "dead-letters"
  }

  # Never expires, however long nothing is dead-lettered.
  expiration_policy {
    ttl = ""
  }
}

resource "google_pubsub_topic_iam_member" "dead_letter" {
  for_each = {
    # Pub/Sub moves a message here after the last attempt of a queue subscription.
    "pubsub-agent-publisher" = var.pubsub_service_agent
    # dispatch keeps events that can never be delivered (invalid CloudEvents) here.
    "dispatch-publisher" = var.service_accounts.dispatch
    # The api's redrive puts back the dead letters it takes but does not redrive.
    "api-publisher" = var.service_accounts.api
  }

  project = var.project_id
  topic   = google_pubsub_topic.dead_letter.name
  role    = "roles/pubsub.publisher"
  member  = "serviceAccount:${each.value}"
}

# The api attaches queue subscriptions to this tenant's topic, and to no other
# topic. (The Pub/Sub service agent's subscriber grant on the queue
# subscriptions themselves is project-wide, in the platform module: they are
# created at run time, and IAM on a topic does not reach its subscriptions.)
resource "google_pubsub_topic_iam_member" "topic" {
  for_each = {
    "api-subscriber" = var.service_accounts.api
  }

  project = var.project_id
  topic   = google_pubsub_topic.topic.name
  role    = "roles/pubsub.subscriber"
  member  = "serviceAccount:${each.value}"
}

# The api publishes the events of API actions (queue.created, ...) and
# dispatch those of deliveries (delivery.failing, queue.disabled, ...); the
# api attaches the subscriptions of ops queues to it, and redrives an ops
# queue's dead letters back to it.
resource "google_pubsub_topic_iam_member" "ops" {
  for_each = {
    "api-publisher"      = var.service_accounts.api
    "dispatch-publisher" = var.service_accounts.dispatch
  }

  project = var.project_id
  topic   = google_pubsub_topic.ops.name
  role    = "roles/pubsub.publisher"
  member  = "serviceAccount:${each.value}"
}

resource "google_pubsub_topic_iam_member" "ops_subscriber" {
  project = var.project_id
  topic   = google_pubsub_topic.ops.name
  role    = "roles/pubsub.subscriber"
  member  = "serviceAccount:${var.service_accounts.api}"
}

# The api's redrive publishes a queue's dead letters back to this topic.
resource "google_pubsub_topic_iam_member" "redrive" {
  project = var.project_id
  topic   = google_pubsub_topic.topic.name
  role    = "roles/pubsub.publisher"
  member  = "serviceAccount:${var.service_accounts.api}"
}

# Static pull queues: the same settings as subscriptionOptions in
# functions/src/pubsub/queue-subscriptions.ts.
resource "google_pubsub_subscription" "static_queue" {
  for_each = var.static_queues

  project                    = var.project_id
  name                       = "eventq-${var.tenant_id}.${each.key}"
  topic                      = google_pubsub_topic.topic.id
  ack_deadline_seconds       = local.queue_ack_deadline_seconds
  retain_acked_messages      = true
  message_retention_duration = "${local.queue_retention_seconds}s"
  filter                     = each.value.filter
  labels = {
    "eventq-tenant" = var.tenant_id
    "eventq-queue"  = each.key
  }

  expiration_policy {
    ttl = ""
  }

  dead_letter_policy {
    dead_letter_topic     = google_pubsub_topic.dead_letter.id
    max_delivery_attempts = var.queue_defaults.max_delivery_attempts
  }

  retry_policy {
    minimum_backoff = "${var.queue_defaults.retry_min_backoff_seconds}s"
    maximum_backoff = "${var.queue_defaults.retry_max_backoff_seconds}s"
  }

  depends_on = [google_pubsub_topic_iam_member.dead_letter]
}

resource "google_pubsub_subscription_iam_member" "static_queue" {
  for_each = local.static_queue_subscribers

  project      = var.project_id
  subscription = google_pubsub_subscription.static_queue[each.value.queue].name
  role         = "roles/pubsub.subscriber"
  member       = each.value.member
}
