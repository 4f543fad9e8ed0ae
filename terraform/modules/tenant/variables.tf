variable "project_id" {
  type        = string
  description = "Google Cloud project of the platform (where eventq's functions run)."

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$", var.project_id))
    error_message = "project_id must be a Google Cloud project id: 6-30 lowercase letters, digits or hyphens, starting with a letter."
  }
}

variable "tenant_id" {
  type        = string
  description = "The tenant's id: 1-40 lowercase letters, digits or hyphens, starting with a letter, not ending in \"-dead\" or \"-ops\" (the code's checkTenantId)."

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,39}$", var.tenant_id))
    error_message = "tenant_id must be 1-40 lowercase letters, digits or hyphens, starting with a letter."
  }
  validation {
    # eventq-<t>-dead is tenant t's dead-letter topic: a tenant named "x-dead" would collide with x's.
    condition     = !endswith(var.tenant_id, "-dead")
    error_message = "tenant_id must not end in \"-dead\"."
  }
  validation {
    # eventq-<t>-ops is tenant t's ops topic: a tenant named "x-ops" would collide with x's.
    condition     = !endswith(var.tenant_id, "-ops")
    error_message = "tenant_id must not end in \"-ops\"."
  }
}

variable "labels" {
  type        = map(string)
  description = "Labels put on the tenant's topics."
  default     = {}
}

variable "service_accounts" {
  type = object({
    dispatch = string
    api      = string
  })
  description = "Emails of the platform's dispatch and api service accounts (the platform module's service_accounts output)."
}

variable "pubsub_service_agent" {
  type        = string
  description = "Email of the project's Pub/Sub service agent (the platform module's pubsub_service_agent output)."
}

variable "queue_defaults" {
  type = object({
    max_delivery_attempts     = number
    retry_min_backoff_seconds = number
    retry_max_backoff_seconds = number
  })
  description = "Dead-letter attempts and retry backoff of the static queues: the same as the api gives the queues it creates (the root module passes its delivery settings, which the platform gives the api; the platform's subscription_defaults output holds the same)."

  validation {
    condition     = var.queue_defaults.max_delivery_attempts >= 5 && var.queue_defaults.max_delivery_attempts <= 100
    error_message = "queue_defaults.max_delivery_attempts must be 5-100."
  }
  validation {
    condition = (
      var.queue_defaults.retry_min_backoff_seconds >= 0 &&
      var.queue_defaults.retry_min_backoff_seconds <= var.queue_defaults.retry_max_backoff_seconds &&
      var.queue_defaults.retry_max_backoff_seconds <= 600
    )
    error_message = "queue_defaults needs 0 <= retry_min_backoff_seconds <= retry_max_backoff_seconds <= 600."
  }
}

variable "static_queues" {
  type = map(object({
    filter      = optional(string)
    subscribers = optional(list(string), [])
  }))
  description = "Pull queues declared here rather than through the API, keyed by queue name: subscriptions eventq-<tenant>.<queue> with the same settings as the api's (subscriptionOptions). filter is an optional Pub/Sub filter; subscribers are IAM members (e.g. serviceAccount:x@p.iam.gserviceaccount.com) allowed to pull. Push queues are created through the API, which also records their definition."
  default     = {}

  validation {
    condition     = alltrue([for name in keys(var.static_queues) : can(regex("^[a-z][a-z0-9-]{0,62}$", name))])
    error_message = "static_queues names must be 1-63 lowercase letters, digits or hyphens, starting with a letter (the code's QUEUE_NAME_PATTERN)."
  }
}
