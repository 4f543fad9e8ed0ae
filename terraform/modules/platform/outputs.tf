output "project_id" {
  description = "The project id, once the APIs eventq needs are enabled: resources elsewhere (the tenant modules) that take their project from it wait for the APIs."
  value       = var.project_id

  depends_on = [google_project_service.enabled]
}

output "dispatch_url" {
  description = "URL of the dispatch function: the endpoint and the OIDC audience of push subscriptions."
  value       = google_cloudfunctions2_function.dispatch.url
}

output "api_url" {
  description = "URL of the api function: the tenant API base (EVENTQ_API_URL for the CLI) and the issuer of delivery JWTs."
  value       = google_cloudfunctions2_function.api.url
}

output "service_accounts" {
  description = "Emails of eventq's service accounts, by role: dispatch, api, push, build."
  value       = { for role, account in google_service_account.eventq : role => account.email }
}

output "pubsub_service_agent" {
  description = "Email of the project's Pub/Sub service agent, which signs push tokens and dead-letters."
  value       = local.pubsub_service_agent
}

output "subscription_defaults" {
  description = "What every queue subscription gets (as the api's subscriptionOptions): push endpoint, audience and account, dead-letter attempts and retry backoff. The tenant module takes it for static queues."
  value = {
    push_endpoint             = google_cloudfunctions2_function.dispatch.url
    push_audience             = google_cloudfunctions2_function.dispatch.url
    push_service_account      = google_service_account.eventq["push"].email
    max_delivery_attempts     = var.delivery.max_delivery_attempts
    retry_min_backoff_seconds = var.delivery.retry_min_backoff_seconds
    retry_max_backoff_seconds = var.delivery.retry_max_backoff_seconds
  }
}

output "firestore_database" {
  description = "Id of the Firestore database eventq uses."
  value       = var.firestore.database
}

output "signing_keys_secret" {
  description = "Resource id of the Secret Manager secret holding EVENTQ_SIGNING_KEYS; add versions to it with gcloud."
  value       = google_secret_manager_secret.signing_keys.id
}

output "source_object" {
  description = "The source archive the functions were built from (gs://bucket/object); its name carries the archive's hash."
  value       = "gs://${google_storage_bucket.source.name}/${google_storage_bucket_object.source.name}"
}

output "metrics" {
  description = "Metric types of the log-based metrics, by name: delivered, failed, dead-lettered, delivery-latency."
  value = merge(
    { for outcome, metric in google_logging_metric.outcome : outcome => "logging.googleapis.com/user/${metric.name}" },
    { "delivery-latency" = "logging.googleapis.com/user/${google_logging_metric.delivery_latency.name}" },
  )
}

output "operator_ops_topic" {
  description = "Resource id of the operator-wide ops topic (eventq_ops): every tenant's operational events; subscribe to it to watch them all."
  value       = google_pubsub_topic.operator_ops.id
}
