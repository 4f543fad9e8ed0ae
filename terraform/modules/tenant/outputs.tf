output "tenant_id" {
  description = "The tenant's id."
  value       = var.tenant_id
}

output "topic" {
  description = "Resource id of the tenant's topic (projects/<p>/topics/eventq-<tenant>): where producers publish the tenant's CloudEvents."
  value       = google_pubsub_topic.topic.id
}

output "dead_letter_topic" {
  description = "Resource id of the tenant's dead-letter topic (eventq-<tenant>-dead)."
  value       = google_pubsub_topic.dead_letter.id
}

output "dead_letter_subscription" {
  description = "Resource id of the pull subscription that keeps the tenant's dead letters."
  value       = google_pubsub_subscription.dead_letters.id
}

output "ops_topic" {
  description = "Resource id of the tenant's ops topic (eventq-<tenant>-ops): eventq's operational events about its resources."
  value       = google_pubsub_topic.ops.id
}

output "static_queues" {
  description = "Resource ids of the static queues' subscriptions, by queue name."
  value       = { for name, subscription in google_pubsub_subscription.static_queue : name => subscription.id }
}
