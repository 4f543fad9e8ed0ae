output "api_url" {
  description = "The tenant API's base URL: EVENTQ_API_URL for the eventq CLI."
  value       = module.platform.api_url
}

output "dispatch_url" {
  description = "URL of the dispatch function, the target of every push subscription."
  value       = module.platform.dispatch_url
}

output "service_accounts" {
  description = "Emails of eventq's service accounts, by role: dispatch, api, push, build."
  value       = module.platform.service_accounts
}

output "signing_keys_secret" {
  description = "Resource id of the secret that holds EVENTQ_SIGNING_KEYS."
  value       = module.platform.signing_keys_secret
}

output "metrics" {
  description = "Metric types of the log-based metrics, by name."
  value       = module.platform.metrics
}

output "operator_ops_topic" {
  description = "Resource id of the operator-wide ops topic (eventq_ops): every tenant's operational events."
  value       = module.platform.operator_ops_topic
}

output "tenants" {
  description = "Per tenant: its topic (where producers publish), dead-letter topic, dead-letter subscription, ops topic and static queues."
  value = {
    for id, tenant in module.tenant : id => {
      topic                    = tenant.topic
      dead_letter_topic        = tenant.dead_letter_topic
      dead_letter_subscription = tenant.dead_letter_subscription
      ops_topic                = tenant.ops_topic
      static_queues            = tenant.static_queues
    }
  }
}
