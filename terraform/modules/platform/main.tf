# eventq's shared platform: the dispatch and api functions built from the
# repository, their service accounts and IAM, the Firestore database, the
# signing-key secret and the log-based metrics. Tenants are in ../tenant.

locals {
  dispatch_name = "${var.name_prefix}-dispatch"
  api_name      = "${var.name_prefix}-api"

  # Each function needs a URL that it cannot read from its own resource
  # (dispatch: the audience it expects in push tokens; api: the issuer of
  # delivery JWTs, read by dispatch too). Cloud Functions URLs are
  # deterministic; the postconditions on the functions check the prediction.
  dispatch_url = "https://${var.region}-${var.project_id}.cloudfunctions.net/${local.dispatch_name}"
  api_url      = "https://${var.region}-${var.project_id}.cloudfunctions.net/${local.api_name}"

  # The functions' entry points: the package main (dist/functions/src/index.js)
  # exports both as lazy getters, built by the gcp-build script. Production
  # runs this runtime while the code is developed and tested on Node 20, so the
  # code uses nothing that either lacks (test/unit/terraform/runtime.test.ts
  # holds the support schedule and fails once this runtime is decommissioned).
  runtime = "nodejs22"

  source_dir = coalesce(var.source_dir, abspath("${path.module}/../../.."))

  # Google's Pub/Sub service agent: it signs push tokens and moves messages to
  # dead-letter topics.
  pubsub_service_agent = "service-${data.google_project.this.number}@gcp-sa-pubsub.iam.gserviceaccount.com"
}

# The source archive: what the build reads, and nothing else. Its object is
# named by its hash, so that a code change is a new object and a new build of
# both functions, and nothing else is: the provider zeroes modification times,
# output_file_mode gives every entry one mode (else a checkout under another
# umask is another hash), and var.source_excludes leaves out what the build
# does not read (docs, tests, the CLI, this Terraform).
data "archive_file" "source" {
  type             = "zip"
  source_dir       = local.source_dir
  output_path      = "${path.root}/.terraform/eventq-source.zip"
  output_file_mode = "0644"
  excludes         = var.source_excludes
}

resource "google_storage_bucket" "source" {
  project                     = var.project_id
  name                        = "${var.project_id}-${var.name_prefix}-source"
  location                    = var.region
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
  force_destroy               = true
  labels                      = var.labels

  depends_on = [google_project_service.enabled]
}

resource "google_storage_bucket_object" "source" {
  bucket = google_storage_bucket.source.name
  name   = "eventq-source-${data.archive_file.source.output_md5}.zip"
  source = data.archive_file.source.output_path
}

# dispatch is the hot path: every push of every queue. Its work is waiting on
# sinks (up to delivery.timeout_ms), not CPU, so one instance serves many pushes
# at once (concurrency 80 on a whole CPU) instead of one instance per push.
# One warm instance (min 1) keeps cold starts off the first push after a quiet
# spell: Pub/Sub slows its push rate when pushes are slow or fail. max bounds
# what a flood can cost; Pub/Sub holds the backlog meanwhile.
resource "google_cloudfunctions2_function" "dispatch" {
  project     = var.project_id
  location    = var.region
  name        = local.dispatch_name
  description = "eventq dispatch: the only target of push subscriptions; delivers to tenants' webhooks."
  labels      = var.labels

  build_config {
    runtime         = local.runtime
    entry_point     = "dispatch"
    service_account = google_service_account.eventq["build"].id
    source {
      storage_source {
        bucket = google_storage_bucket.source.name
        object = google_storage_bucket_object.source.name
      }
    }
  }

  service_config {
    service_account_email            = google_service_account.eventq["dispatch"].email
    ingress_settings                 = var.dispatch.ingress
    all_traffic_on_latest_revision   = true
    min_instance_count               = var.dispatch.min_instances
    max_instance_count               = var.dispatch.max_instances
    max_instance_request_concurrency = var.dispatch.concurrency
    available_cpu                    = var.dispatch.cpu
    available_memory                 = var.dispatch.memory
    timeout_seconds                  = var.dispatch.timeout_seconds

    environment_variables = {
      NODE_ENV                          = "production"
      EVENTQ_PROJECT_ID                 = var.project_id
      EVENTQ_FIRESTORE_DATABASE         = var.firestore.database
      EVENTQ_API_URL                    = local.api_url
      EVENTQ_SINK_ALLOWLIST             = join(",", var.delivery.sink_allowlist)
      EVENTQ_DELIVERY_TIMEOUT_MS        = tostring(var.delivery.timeout_ms)
      EVENTQ_PUSH_AUDIENCE              = local.dispatch_url
      EVENTQ_PUSH_SERVICE_ACCOUNT       = google_service_account.eventq["push"].email
      EVENTQ_PUSH_CERTS_URL             = var.push_certs_url
      EVENTQ_TOKEN_CLOCK_SKEW_SECONDS   = tostring(var.dispatch.token_clock_skew_seconds)
      EVENTQ_QUEUE_CACHE_TTL_MS         = tostring(var.dispatch.queue_cache_ttl_ms)
      EVENTQ_MAX_DELIVERY_ATTEMPTS      = tostring(var.delivery.max_delivery_attempts)
      EVENTQ_FAILURE_RETENTION_DAYS     = tostring(var.dispatch.failure_retention_days)
      EVENTQ_STATS_FLUSH_MS             = tostring(var.dispatch.stats_flush_ms)
      EVENTQ_DISABLE_AFTER_SECONDS      = tostring(var.dispatch.disable_after_seconds)
      EVENTQ_FAILING_AFTER_ATTEMPTS     = tostring(var.dispatch.failing_after_attempts)
      EVENTQ_FAILING_AFTER_SECONDS      = tostring(var.dispatch.failing_after_seconds)
      EVENTQ_EXHAUSTED_WINDOW_SECONDS   = tostring(var.dispatch.exhausted_window_seconds)
      EVENTQ_MAX_MIB_IN_FLIGHT          = tostring(var.dispatch.max_mib_in_flight)
      EVENTQ_REPLY_MAX_HOPS             = tostring(var.dispatch.reply_max_hops)
      EVENTQ_MESSAGE_LOG_LEVELS         = jsonencode(local.message_log_levels)
      EVENTQ_MESSAGE_LOG_RETENTION_DAYS = tostring(var.dispatch.message_log_retention_days)
      EVENTQ_MESSAGE_LOG_FLUSH_MS       = tostring(var.dispatch.message_log_flush_ms)
    }

    secret_environment_variables {
      key        = "EVENTQ_SIGNING_KEYS"
      project_id = var.project_id
      secret     = google_secret_manager_secret.signing_keys.secret_id
      version    = var.signing_keys.version
    }
  }

  lifecycle {
    postcondition {
      condition     = self.url == local.dispatch_url
      error_message = "dispatch was deployed at ${self.url}, not at ${local.dispatch_url}: the push audience it expects would be wrong."
    }
  }

  depends_on = [
    google_project_service.enabled,
    google_project_iam_member.eventq,
    google_secret_manager_secret_iam_member.signing_keys_accessor,
    time_sleep.build_iam,
  ]
}

# The api answers tenants: short requests, mostly Firestore and Pub/Sub admin
# calls, so a high concurrency too; it may scale to zero (a cold start costs a
# tenant's API call, never a delivery).
resource "google_cloudfunctions2_function" "api" {
  project     = var.project_id
  location    = var.region
  name        = local.api_name
  description = "eventq api: the tenant-facing REST API."
  labels      = var.labels

  build_config {
    runtime         = local.runtime
    entry_point     = "api"
    service_account = google_service_account.eventq["build"].id
    source {
      storage_source {
        bucket = google_storage_bucket.source.name
        object = google_storage_bucket_object.source.name
      }
    }
  }

  service_config {
    service_account_email            = google_service_account.eventq["api"].email
    ingress_settings                 = "ALLOW_ALL"
    all_traffic_on_latest_revision   = true
    min_instance_count               = var.api.min_instances
    max_instance_count               = var.api.max_instances
    max_instance_request_concurrency = var.api.concurrency
    available_cpu                    = var.api.cpu
    available_memory                 = var.api.memory
    timeout_seconds                  = var.api.timeout_seconds

    environment_variables = {
      NODE_ENV                         = "production"
      EVENTQ_PROJECT_ID                = var.project_id
      EVENTQ_FIRESTORE_DATABASE        = var.firestore.database
      EVENTQ_API_URL                   = local.api_url
      EVENTQ_SINK_ALLOWLIST            = join(",", var.delivery.sink_allowlist)
      EVENTQ_DELIVERY_TIMEOUT_MS       = tostring(var.delivery.timeout_ms)
      EVENTQ_PUSH_ENDPOINT             = google_cloudfunctions2_function.dispatch.url
      EVENTQ_PUSH_AUDIENCE             = google_cloudfunctions2_function.dispatch.url
      EVENTQ_PUSH_SERVICE_ACCOUNT      = google_service_account.eventq["push"].email
      EVENTQ_MAX_DELIVERY_ATTEMPTS     = tostring(var.delivery.max_delivery_attempts)
      EVENTQ_RETRY_MIN_BACKOFF_SECONDS = tostring(var.delivery.retry_min_backoff_seconds)
      EVENTQ_RETRY_MAX_BACKOFF_SECONDS = tostring(var.delivery.retry_max_backoff_seconds)
      EVENTQ_SECRET_GRACE_SECONDS      = tostring(var.api.secret_grace_seconds)
      EVENTQ_QUEUE_CACHE_TTL_MS        = tostring(var.dispatch.queue_cache_ttl_ms)
      EVENTQ_MAX_QUEUES_PER_TENANT     = tostring(var.api.max_queues_per_tenant)
      EVENTQ_API_RATE_PER_MINUTE       = tostring(var.api.rate_per_minute)
      EVENTQ_CONSOLE_FRAME_ANCESTORS   = join(",", var.api.console_frame_ancestors)
      EVENTQ_AUDIT_RETENTION_DAYS      = tostring(var.api.audit_retention_days)
      # Empty: the code's built-in catalog.
      EVENTQ_EVENT_TYPES = var.api.event_types_json
    }

    secret_environment_variables {
      key        = "EVENTQ_SIGNING_KEYS"
      project_id = var.project_id
      secret     = google_secret_manager_secret.signing_keys.secret_id
      version    = var.signing_keys.version
    }
  }

  lifecycle {
    postcondition {
      condition     = self.url == local.api_url
      error_message = "api was deployed at ${self.url}, not at ${local.api_url}: the issuer of delivery JWTs would be wrong."
    }
  }

  depends_on = [
    google_project_service.enabled,
    google_project_iam_member.eventq,
    google_secret_manager_secret_iam_member.signing_keys_accessor,
    time_sleep.build_iam,
    google_service_account_iam_member.push,
  ]
}

# The Pub/Sub push's OIDC token is the only way in to dispatch: no public invoker.
resource "google_cloud_run_v2_service_iam_member" "dispatch_invoker" {
  project  = var.project_id
  location = var.region
  name     = google_cloudfunctions2_function.dispatch.service_config[0].service
  role     = "roles/run.invoker"
  member   = google_service_account.eventq["push"].member
}

# The api is public: tenants authenticate with their API token, checked by the code.
resource "google_cloud_run_v2_service_iam_member" "api_public" {
  project  = var.project_id
  location = var.region
  name     = google_cloudfunctions2_function.api.service_config[0].service
  role     = "roles/run.invoker"
  member   = "allUsers"
}
