variable "tenants" {
  type = map(object({
    labels = optional(map(string), {})
    static_queues = optional(map(object({
      filter      = optional(string)
      subscribers = optional(list(string), [])
    })), {})
    message_log = optional(object({
      level  = optional(string, "all")
      queues = optional(map(string), {})
    }), {})
  }))
  description = "The tenants, keyed by tenant id: add a line to add a tenant. Each gets its topic eventq-<id>, its dead-letter topic and dead-letter subscription; labels go on its topics; static_queues declares pull queues (see the tenant module); message_log sets what the message log keeps for the tenant (level) and for some of its queues (queues: name to level): all (the default), failures or off."
  default     = {}

  validation {
    condition = alltrue(flatten([
      for id, t in var.tenants : concat(
        [contains(["all", "failures", "off"], t.message_log.level)],
        [for q, level in t.message_log.queues : contains(["all", "failures", "off"], level)],
      )
    ]))
    error_message = "message_log levels must be all, failures or off."
  }

  validation {
    condition     = alltrue([for id in keys(var.tenants) : can(regex("^[a-z][a-z0-9-]{0,39}$", id))])
    error_message = "tenant ids must be 1-40 lowercase letters, digits or hyphens, starting with a letter."
  }
  validation {
    # eventq-<t>-dead is tenant t's dead-letter topic: a tenant named "x-dead" would collide with x's.
    condition     = alltrue([for id in keys(var.tenants) : !endswith(id, "-dead")])
    error_message = "tenant ids must not end in \"-dead\"."
  }
  validation {
    # eventq-<t>-ops is tenant t's ops topic: a tenant named "x-ops" would collide with x's.
    condition     = alltrue([for id in keys(var.tenants) : !endswith(id, "-ops")])
    error_message = "tenant ids must not end in \"-ops\"."
  }
}

variable "project_id" {
  type        = string
  description = "Google Cloud project that eventq runs in: its functions, topics, Firestore database and secret."

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$", var.project_id))
    error_message = "project_id must be a Google Cloud project id: 6-30 lowercase letters, digits or hyphens, starting with a letter."
  }
}

variable "region" {
  type        = string
  description = "Region of the functions and the source bucket, e.g. europe-west1."

  validation {
    condition     = can(regex("^[a-z]+-[a-z]+[0-9]+$", var.region))
    error_message = "region must be a Google Cloud region such as us-central1 or europe-west1."
  }
}

variable "name_prefix" {
  type        = string
  description = "Prefix of every name eventq creates at the platform level (functions, service accounts, metrics). Topics are always eventq-<tenant>, as the code expects."
  default     = "eventq"

  validation {
    # Service account ids are 6-30 characters; the longest suffix used is "-dispatch" (9).
    condition     = can(regex("^[a-z][a-z0-9-]{0,19}[a-z0-9]$", var.name_prefix))
    error_message = "name_prefix must be 2-21 lowercase letters, digits or hyphens, starting with a letter and not ending in a hyphen."
  }
}

variable "labels" {
  type        = map(string)
  description = "Labels put on every resource that takes labels."
  default     = {}
}

variable "enable_apis" {
  type        = bool
  description = "Enable the Google Cloud APIs eventq needs. Set to false when the project's APIs are managed elsewhere."
  default     = true
}

variable "source_dir" {
  type        = string
  description = "The eventq repository to build the functions from. Null means the repository this module sits in."
  default     = null
}

variable "source_excludes" {
  type        = list(string)
  description = "Paths and globs (relative to source_dir, matched as doublestar globs; a matching directory is left out whole) left out of the source archive: everything the build (npm ci, then npm run gcp-build) does not read, so that only a change to the functions' code or dependencies changes the archive's hash and rebuilds them."
  default = [
    # Not read by the build: tooling, docs, tests, the CLI and local stack, this Terraform.
    ".ci", ".git", ".github", ".gitignore", "**/*.md",
    "bin", "biome.json", "cli", "docs", "emulator", "examples", "jest.config.js",
    "terraform", "test", "tsconfig.test.json",
    # Made locally; the build makes its own node_modules and dist.
    ".eventq", "coverage", "dist", "node_modules",
    "**/.terraform", "**/*.tfstate", "**/*.tfstate.*", "**/*.zip",
  ]
}

variable "firestore" {
  type = object({
    database         = optional(string, "(default)")
    location         = optional(string)
    create           = optional(bool, true)
    delete_protected = optional(bool, true)
  })
  description = "The Firestore database: its id; its location, by default the functions' region (every delivery reads queue definitions from it), else that region's multi-region (nam5 or nam7 for us-* and northamerica-* regions, eur3 for europe-*); whether this module creates it (false when it exists already); and whether it is protected against deletion. A database's location cannot change: set it to what an existing database has."
  default     = {}

  validation {
    # Next to the functions: a database across an ocean adds its round trip to
    # every delivery. Not checked for a database this module does not create.
    condition = (
      !var.firestore.create ||
      coalesce(var.firestore.location, var.region) == var.region ||
      (contains(["nam5", "nam7"], coalesce(var.firestore.location, var.region)) && can(regex("^(us|northamerica)-", var.region))) ||
      (coalesce(var.firestore.location, var.region) == "eur3" && can(regex("^europe-", var.region)))
    )
    error_message = "firestore.location must be the functions' region, or the multi-region on its continent (nam5 or nam7 for us-* and northamerica-* regions, eur3 for europe-*); a database elsewhere that exists already takes create = false."
  }

  validation {
    condition     = var.firestore.database == "(default)" || can(regex("^[a-z][a-z0-9-]{2,62}$", var.firestore.database))
    error_message = "firestore.database must be \"(default)\" or 4-63 lowercase letters, digits or hyphens, starting with a letter."
  }
}

variable "dispatch" {
  type = object({
    min_instances            = optional(number, 1)
    max_instances            = optional(number, 100)
    concurrency              = optional(number, 80)
    cpu                      = optional(string, "1")
    memory                   = optional(string, "512Mi")
    timeout_seconds          = optional(number, 60)
    ingress                  = optional(string, "ALLOW_ALL")
    queue_cache_ttl_ms       = optional(number, 10000)
    token_clock_skew_seconds = optional(number, 30)
    failure_retention_days   = optional(number, 7)
    stats_flush_ms           = optional(number, 10000)
    disable_after_seconds    = optional(number, 432000)
    # Operational events: when a failing sink is reported, and the window of delivery.exhausted.
    failing_after_attempts   = optional(number, 5)
    failing_after_seconds    = optional(number, 900)
    exhausted_window_seconds = optional(number, 60)
    max_mib_in_flight        = optional(number, 64)
    # Reply events: how many hops a chain of replies may take.
    reply_max_hops = optional(number, 8)
    # The message log: how long entries are kept (Firestore TTL), and how often dispatch writes them.
    message_log_retention_days = optional(number, 7)
    message_log_flush_ms       = optional(number, 1000)
  })
  description = "The dispatch function: scaling, resources, ingress, and its settings EVENTQ_QUEUE_CACHE_TTL_MS, EVENTQ_TOKEN_CLOCK_SKEW_SECONDS, EVENTQ_FAILURE_RETENTION_DAYS (how long failed attempts are listed), EVENTQ_STATS_FLUSH_MS (the lag of /stats), EVENTQ_DISABLE_AFTER_SECONDS (how long a sink may fail without a success before its queue is disabled), EVENTQ_FAILING_AFTER_ATTEMPTS and EVENTQ_FAILING_AFTER_SECONDS (when a failing sink is reported delivery.failing on the ops stream), EVENTQ_EXHAUSTED_WINDOW_SECONDS (the window that adds dead-lettered events up into one delivery.exhausted), EVENTQ_REPLY_MAX_HOPS (how many hops a chain of reply events may take) and EVENTQ_MAX_MIB_IN_FLIGHT (the push bodies an instance works on at once; keep it well below the memory)."
  default     = {}

  validation {
    condition     = var.dispatch.failure_retention_days >= 1 && var.dispatch.failure_retention_days <= 365
    error_message = "dispatch.failure_retention_days must be 1-365 (the range the code accepts)."
  }
  validation {
    condition     = var.dispatch.stats_flush_ms >= 100 && var.dispatch.stats_flush_ms <= 600000
    error_message = "dispatch.stats_flush_ms must be 100-600000 (the range the code accepts)."
  }
  validation {
    condition     = var.dispatch.disable_after_seconds >= 1 && var.dispatch.disable_after_seconds <= 7776000
    error_message = "dispatch.disable_after_seconds must be 1-7776000 (the range the code accepts)."
  }
  validation {
    condition     = var.dispatch.failing_after_attempts >= 1 && var.dispatch.failing_after_attempts <= 10000
    error_message = "dispatch.failing_after_attempts must be 1-10000 (the range the code accepts)."
  }
  validation {
    condition     = var.dispatch.failing_after_seconds >= 1 && var.dispatch.failing_after_seconds <= 7776000
    error_message = "dispatch.failing_after_seconds must be 1-7776000 (the range the code accepts)."
  }
  validation {
    condition     = var.dispatch.exhausted_window_seconds >= 1 && var.dispatch.exhausted_window_seconds <= 3600
    error_message = "dispatch.exhausted_window_seconds must be 1-3600 (the range the code accepts)."
  }
  validation {
    condition     = var.dispatch.reply_max_hops >= 1 && var.dispatch.reply_max_hops <= 64
    error_message = "dispatch.reply_max_hops must be 1-64 (the range the code accepts)."
  }
  validation {
    condition     = var.dispatch.max_mib_in_flight >= 1 && var.dispatch.max_mib_in_flight <= 4096
    error_message = "dispatch.max_mib_in_flight must be 1-4096 (the range the code accepts)."
  }
  validation {
    condition     = var.dispatch.message_log_retention_days >= 1 && var.dispatch.message_log_retention_days <= 400
    error_message = "dispatch.message_log_retention_days must be 1-400 (the range the code accepts)."
  }
  validation {
    condition     = var.dispatch.message_log_flush_ms >= 100 && var.dispatch.message_log_flush_ms <= 60000
    error_message = "dispatch.message_log_flush_ms must be 100-60000 (the range the code accepts)."
  }

  validation {
    condition     = var.dispatch.min_instances >= 0 && var.dispatch.min_instances <= var.dispatch.max_instances && var.dispatch.max_instances <= 1000
    error_message = "dispatch needs 0 <= min_instances <= max_instances <= 1000."
  }
  validation {
    # Concurrency above 1 needs at least one whole CPU on Cloud Functions 2nd gen.
    condition     = var.dispatch.concurrency >= 1 && var.dispatch.concurrency <= 1000 && (var.dispatch.concurrency == 1 || tonumber(var.dispatch.cpu) >= 1)
    error_message = "dispatch.concurrency must be 1-1000, and above 1 it needs cpu >= 1."
  }
  validation {
    # Pub/Sub's push ack deadline is 60 s (PUSH_ACK_DEADLINE_SECONDS): a longer request is redelivered anyway.
    condition     = var.dispatch.timeout_seconds >= 10 && var.dispatch.timeout_seconds <= 60
    error_message = "dispatch.timeout_seconds must be 10-60 (the push ack deadline)."
  }
  validation {
    condition     = contains(["ALLOW_ALL", "ALLOW_INTERNAL_ONLY", "ALLOW_INTERNAL_AND_GCLB"], var.dispatch.ingress)
    error_message = "dispatch.ingress must be ALLOW_ALL, ALLOW_INTERNAL_ONLY or ALLOW_INTERNAL_AND_GCLB."
  }
  validation {
    condition     = var.dispatch.queue_cache_ttl_ms >= 0 && var.dispatch.queue_cache_ttl_ms <= 600000
    error_message = "dispatch.queue_cache_ttl_ms must be 0-600000 (the range the code accepts)."
  }
  validation {
    condition     = var.dispatch.token_clock_skew_seconds >= 0 && var.dispatch.token_clock_skew_seconds <= 300
    error_message = "dispatch.token_clock_skew_seconds must be 0-300 (the range the code accepts)."
  }
}

variable "api" {
  type = object({
    min_instances   = optional(number, 0)
    max_instances   = optional(number, 20)
    concurrency     = optional(number, 40)
    cpu             = optional(string, "1")
    memory          = optional(string, "512Mi")
    timeout_seconds = optional(number, 60)

    secret_grace_seconds  = optional(number, 86400)
    max_queues_per_tenant = optional(number, 100)
    event_types_json      = optional(string, "")
    rate_per_minute       = optional(number, 600)

    console_frame_ancestors = optional(list(string), [])

    # The audit trail: how long an entry is kept (Firestore TTL on expireAt).
    audit_retention_days = optional(number, 400)
  })
  description = "The api function: scaling, resources, and its settings EVENTQ_SECRET_GRACE_SECONDS (how long a rotated-out webhook secret keeps signing), EVENTQ_MAX_QUEUES_PER_TENANT, EVENTQ_EVENT_TYPES (the event-type catalog as a JSON array of {type, description, schema}; empty means the built-in device events) and EVENTQ_API_RATE_PER_MINUTE (requests a minute per tenant token per api instance, beyond which 429; 0 turns the limit off) and EVENTQ_CONSOLE_FRAME_ANCESTORS (origins such as https://app.example.com that may embed the tenant console in a frame; empty: none may) and EVENTQ_AUDIT_RETENTION_DAYS (how long the audit trail keeps an entry)."
  default     = {}

  validation {
    condition     = var.api.audit_retention_days >= 1 && var.api.audit_retention_days <= 3650 && floor(var.api.audit_retention_days) == var.api.audit_retention_days
    error_message = "api.audit_retention_days must be an integer 1-3650 (the range the code accepts)."
  }

  validation {
    condition     = var.api.min_instances >= 0 && var.api.min_instances <= var.api.max_instances && var.api.max_instances <= 1000
    error_message = "api needs 0 <= min_instances <= max_instances <= 1000."
  }
  validation {
    condition     = var.api.concurrency >= 1 && var.api.concurrency <= 1000 && (var.api.concurrency == 1 || tonumber(var.api.cpu) >= 1)
    error_message = "api.concurrency must be 1-1000, and above 1 it needs cpu >= 1."
  }
  validation {
    condition     = var.api.timeout_seconds >= 10 && var.api.timeout_seconds <= 3600
    error_message = "api.timeout_seconds must be 10-3600."
  }
  validation {
    condition     = var.api.secret_grace_seconds >= 0 && var.api.secret_grace_seconds <= 604800
    error_message = "api.secret_grace_seconds must be 0-604800 (the range the code accepts)."
  }
  validation {
    condition     = var.api.max_queues_per_tenant >= 1 && var.api.max_queues_per_tenant <= 10000
    error_message = "api.max_queues_per_tenant must be 1-10000 (the range the code accepts)."
  }
  validation {
    condition     = var.api.rate_per_minute >= 0 && var.api.rate_per_minute <= 1000000 && floor(var.api.rate_per_minute) == var.api.rate_per_minute
    error_message = "api.rate_per_minute must be an integer 0-1000000 (the range the code accepts; 0 is off)."
  }
  validation {
    condition     = alltrue([for o in var.api.console_frame_ancestors : can(regex("^https?://(\\*\\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:[0-9]{1,5})?$", o))])
    error_message = "api.console_frame_ancestors must hold origins such as https://app.example.com (scheme, host, optional port; no path), as the code accepts."
  }
  validation {
    condition     = var.api.event_types_json == "" || can(tolist(jsondecode(var.api.event_types_json)))
    error_message = "api.event_types_json must be empty or a JSON array."
  }
}

variable "delivery" {
  type = object({
    timeout_ms                = optional(number, 10000)
    max_delivery_attempts     = optional(number, 10)
    retry_min_backoff_seconds = optional(number, 10)
    retry_max_backoff_seconds = optional(number, 600)
    sink_allowlist            = optional(list(string), [])
  })
  description = "Delivery settings, the defaults of every queue: EVENTQ_DELIVERY_TIMEOUT_MS, EVENTQ_MAX_DELIVERY_ATTEMPTS, EVENTQ_RETRY_MIN_BACKOFF_SECONDS, EVENTQ_RETRY_MAX_BACKOFF_SECONDS and EVENTQ_SINK_ALLOWLIST (hosts or CIDR ranges sinks may use although private)."
  default     = {}

  validation {
    # The code takes up to 540000, but a delivery must end well within the push ack deadline (60 s).
    condition     = var.delivery.timeout_ms >= 100 && var.delivery.timeout_ms <= 50000
    error_message = "delivery.timeout_ms must be 100-50000: a delivery must end within the 60 s push ack deadline."
  }
  validation {
    condition     = var.delivery.max_delivery_attempts >= 5 && var.delivery.max_delivery_attempts <= 100 && floor(var.delivery.max_delivery_attempts) == var.delivery.max_delivery_attempts
    error_message = "delivery.max_delivery_attempts must be an integer from 5 to 100 (Pub/Sub's dead-letter range)."
  }
  validation {
    condition = (
      var.delivery.retry_min_backoff_seconds >= 0 &&
      var.delivery.retry_min_backoff_seconds <= var.delivery.retry_max_backoff_seconds &&
      var.delivery.retry_max_backoff_seconds <= 600
    )
    error_message = "delivery needs 0 <= retry_min_backoff_seconds <= retry_max_backoff_seconds <= 600 (Pub/Sub's retry policy range)."
  }
}

variable "push_certs_url" {
  type        = string
  description = "JWKS URL of the keys that sign Pub/Sub push tokens (EVENTQ_PUSH_CERTS_URL): Google's, in production."
  default     = "https://www.googleapis.com/oauth2/v3/certs"

  validation {
    condition     = startswith(var.push_certs_url, "https://")
    error_message = "push_certs_url must be an https URL."
  }
}

variable "signing_keys" {
  type = object({
    secret_id = optional(string, "eventq-signing-keys")
    version   = string
  })
  description = "The Secret Manager secret that holds EVENTQ_SIGNING_KEYS (a JSON array of private JWKs) and the version the functions read: a version number, never \"latest\", so that a new version changes nothing until an apply names it (a key rotation is an apply; see Rotate the signing key in terraform/README.md). The key itself never passes through Terraform."

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,255}$", var.signing_keys.secret_id))
    error_message = "signing_keys.secret_id must be 1-255 letters, digits, hyphens or underscores."
  }
  validation {
    # Secret Manager numbers versions from 1; "latest" would let a new version reach instances as they start, unreviewed.
    condition     = can(regex("^[1-9][0-9]*$", var.signing_keys.version))
    error_message = "signing_keys.version must be a secret version number (\"1\", \"2\", ...), not \"latest\": pin the version and change it to rotate."
  }
}

variable "alerts" {
  type = object({
    enabled                 = optional(bool, false)
    notification_channels   = optional(list(string), [])
    dead_lettered_threshold = optional(number, 0)
    failed_threshold        = optional(number, 100)
    window_seconds          = optional(number, 300)
  })
  description = "An optional alert policy: fires when a tenant's dead-lettered events exceed dead_lettered_threshold, or its failed attempts exceed failed_threshold, within window_seconds. notification_channels are full resource names of Cloud Monitoring notification channels, projects/<project>/notificationChannels/<id> (gcloud beta monitoring channels list --format='value(name)'), not display names or bare ids."
  default     = {}

  validation {
    condition     = alltrue([for channel in var.alerts.notification_channels : can(regex("^projects/[a-z][a-z0-9-]{4,28}[a-z0-9]/notificationChannels/[0-9]+$", channel))])
    error_message = "alerts.notification_channels must be full resource names, projects/<project>/notificationChannels/<numeric id>, as gcloud beta monitoring channels list prints them."
  }

  validation {
    condition     = var.alerts.dead_lettered_threshold >= 0 && var.alerts.failed_threshold >= 0
    error_message = "alerts thresholds must not be negative."
  }
  validation {
    condition     = var.alerts.window_seconds >= 60 && var.alerts.window_seconds <= 86400
    error_message = "alerts.window_seconds must be 60-86400."
  }
}
