output "api_url" {
  description = "The tenant API's base URL: EVENTQ_API_URL for the eventq CLI."
  value       = module.eventq.api_url
}

output "tenant_topics" {
  description = "Where producers publish each tenant's events, by tenant id."
  value       = { for id, tenant in module.eventq.tenants : id => tenant.topic }
}

output "tenants" {
  description = "Everything each tenant got, by tenant id."
  value       = module.eventq.tenants
}
