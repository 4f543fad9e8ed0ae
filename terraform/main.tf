# eventq in one Google Cloud project: the platform (functions, IAM, Firestore,
# signing-key secret, metrics) and one set of Pub/Sub resources per tenant.
# Operators add a tenant by adding a line to var.tenants.

module "platform" {
  source = "./modules/platform"

  project_id      = var.project_id
  region          = var.region
  name_prefix     = var.name_prefix
  labels          = var.labels
  enable_apis     = var.enable_apis
  source_dir      = var.source_dir
  source_excludes = var.source_excludes
  firestore       = var.firestore
  dispatch        = var.dispatch
  api             = var.api
  delivery        = var.delivery
  push_certs_url  = var.push_certs_url
  signing_keys    = var.signing_keys
  alerts          = var.alerts

  tenants = var.tenants
}

module "tenant" {
  source   = "./modules/tenant"
  for_each = var.tenants

  # From the platform, so that topics wait for the Pub/Sub API.
  project_id           = module.platform.project_id
  tenant_id            = each.key
  labels               = merge(var.labels, each.value.labels)
  static_queues        = each.value.static_queues
  pubsub_service_agent = module.platform.pubsub_service_agent
  service_accounts = {
    dispatch = module.platform.service_accounts["dispatch"]
    api      = module.platform.service_accounts["api"]
  }
  # The same values the platform gives the api for the queues it creates; read
  # from var.delivery rather than a platform output, so that tenants' topics do
  # not wait for the functions to deploy.
  queue_defaults = {
    max_delivery_attempts     = var.delivery.max_delivery_attempts
    retry_min_backoff_seconds = var.delivery.retry_min_backoff_seconds
    retry_max_backoff_seconds = var.delivery.retry_max_backoff_seconds
  }
}
