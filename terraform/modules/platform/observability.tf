# Log-based metrics on the structured logs that the functions write
# (functions/src/observability/log.ts): one JSON object a line, the eventq
# fields under jsonPayload.eventq. The unit tests check that every outcome and
# field used here exists in the code.

locals {
  log_source = "resource.type=\"cloud_run_revision\" AND resource.labels.service_name=(\"${local.dispatch_name}\" OR \"${local.api_name}\")"

  # One counter per outcome, keyed by the outcome the code logs, with what
  # else a line must have to be counted.
  outcome_metrics = {
    "delivered" = {
      description = "Events that a sink accepted"
      also        = ""
    }
    # A failed attempt is about one message. Dispatch also logs a queue that
    # it disables with outcome "failed" but no message: not an attempt.
    "failed" = {
      description = "Delivery attempts that failed and will be retried"
      also        = " AND jsonPayload.eventq.messageId:*"
    }
    "dead-lettered" = {
      description = "Events kept in a tenant's dead letters instead of being delivered"
      also        = ""
    }
  }

  # The metrics the alert policy watches.
  alerted_outcomes = ["dead-lettered", "failed"]
}

resource "google_logging_metric" "outcome" {
  for_each = local.outcome_metrics

  project     = var.project_id
  name        = "${var.name_prefix}/${each.key}"
  description = each.value.description
  filter      = "${local.log_source} AND jsonPayload.eventq.outcome=\"${each.key}\"${each.value.also}"

  metric_descriptor {
    metric_kind  = "DELTA"
    value_type   = "INT64"
    unit         = "1"
    display_name = "${var.name_prefix} ${each.key}"

    labels {
      key         = "tenant"
      value_type  = "STRING"
      description = "Tenant id"
    }
    labels {
      key         = "queue"
      value_type  = "STRING"
      description = "Queue name"
    }
  }

  label_extractors = {
    tenant = "EXTRACT(jsonPayload.eventq.tenant)"
    queue  = "EXTRACT(jsonPayload.eventq.queue)"
  }

  depends_on = [google_project_service.enabled]
}

# How long sinks take to accept an event, per tenant.
resource "google_logging_metric" "delivery_latency" {
  project     = var.project_id
  name        = "${var.name_prefix}/delivery-latency"
  description = "Time a sink took to accept an event, in milliseconds"
  filter      = "${local.log_source} AND jsonPayload.eventq.outcome=\"delivered\""

  metric_descriptor {
    metric_kind  = "DELTA"
    value_type   = "DISTRIBUTION"
    unit         = "ms"
    display_name = "${var.name_prefix} delivery latency"

    labels {
      key         = "tenant"
      value_type  = "STRING"
      description = "Tenant id"
    }
  }

  value_extractor = "EXTRACT(jsonPayload.eventq.latencyMs)"
  label_extractors = {
    tenant = "EXTRACT(jsonPayload.eventq.tenant)"
  }

  bucket_options {
    exponential_buckets {
      num_finite_buckets = 32
      growth_factor      = 1.5
      scale              = 1
    }
  }

  depends_on = [google_project_service.enabled]
}

# Cloud Monitoring answers 404 to an alert policy on a log-based metric for up
# to 10 minutes after the metric is created ("If a metric was created recently,
# it could take up to 10 minutes to become available"; provider issue #11102).
# The wait starts with the metrics, runs beside the functions' builds, and is
# paid again only when a metric is re-created (its id is a trigger); enabling
# alerts later does not wait.
resource "time_sleep" "metrics_known" {
  create_duration = "10m"

  triggers = {
    for outcome in local.alerted_outcomes : outcome => google_logging_metric.outcome[outcome].id
  }
}

resource "google_monitoring_alert_policy" "delivery" {
  count = var.alerts.enabled ? 1 : 0

  project               = var.project_id
  display_name          = "${var.name_prefix}: events dead-lettered or failing"
  combiner              = "OR"
  notification_channels = var.alerts.notification_channels
  user_labels           = var.labels

  documentation {
    mime_type = "text/markdown"
    content   = "A tenant's events are being dead-lettered, or its deliveries keep failing. See the tenant's `/v1/queues/{name}/failures` and `/stats`; fix the sink, then `:redrive` the queue."
  }

  conditions {
    display_name = "Dead-lettered events per tenant"
    condition_threshold {
      filter          = "metric.type=\"logging.googleapis.com/user/${google_logging_metric.outcome["dead-lettered"].name}\" AND resource.type=\"cloud_run_revision\""
      comparison      = "COMPARISON_GT"
      threshold_value = var.alerts.dead_lettered_threshold
      duration        = "0s"
      aggregations {
        alignment_period     = "${var.alerts.window_seconds}s"
        per_series_aligner   = "ALIGN_SUM"
        cross_series_reducer = "REDUCE_SUM"
        group_by_fields      = ["metric.label.tenant"]
      }
    }
  }

  conditions {
    display_name = "Failed delivery attempts per tenant"
    condition_threshold {
      filter          = "metric.type=\"logging.googleapis.com/user/${google_logging_metric.outcome["failed"].name}\" AND resource.type=\"cloud_run_revision\""
      comparison      = "COMPARISON_GT"
      threshold_value = var.alerts.failed_threshold
      duration        = "0s"
      aggregations {
        alignment_period     = "${var.alerts.window_seconds}s"
        per_series_aligner   = "ALIGN_SUM"
        cross_series_reducer = "REDUCE_SUM"
        group_by_fields      = ["metric.label.tenant"]
      }
    }
  }

  depends_on = [time_sleep.metrics_known]
}
