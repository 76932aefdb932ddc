# What fails out of sight: events dead-lettered or waiting long in a push
# subscription, a Cloud Scheduler job or the migration job failing, a
# function's /healthz down, and an election key version destroyed by the
# internet-facing service (expected only after a failed creation or a
# deleted draft; a version is restorable for 24 h: docs/OPERATIONS.md).

locals {
  subscription_filter = "resource.type=\"pubsub_subscription\""
  # https://events-…run.app → events-…run.app
  uptime_hosts = { for k, url in var.uptime_urls : k => trimsuffix(replace(url, "https://", ""), "/") }
}

resource "google_monitoring_alert_policy" "dead_letters" {
  project               = var.project_id
  display_name          = "Ekklesia ${var.name}: events dead-lettered"
  combiner              = "OR"
  notification_channels = var.notification_channels
  conditions {
    display_name = "messages waiting in a dead-letter hold subscription"
    condition_threshold {
      filter          = "metric.type=\"pubsub.googleapis.com/subscription/num_undelivered_messages\" AND ${local.subscription_filter} AND resource.labels.subscription_id=one_of(${join(",", [for s in var.dead_letter_subscriptions : "\"${s}\""])})"
      comparison      = "COMPARISON_GT"
      threshold_value = 0
      duration        = "0s"
      aggregations {
        alignment_period   = "300s"
        per_series_aligner = "ALIGN_MAX"
      }
    }
  }
  documentation {
    content   = "docs/OPERATIONS.md, \"Alert: events dead-lettered\"."
    mime_type = "text/markdown"
  }
}

resource "google_monitoring_alert_policy" "push_backlog" {
  project               = var.project_id
  display_name          = "Ekklesia ${var.name}: a worker falls behind"
  combiner              = "OR"
  notification_channels = var.notification_channels
  conditions {
    display_name = "oldest unacknowledged message older than 10 min"
    condition_threshold {
      filter          = "metric.type=\"pubsub.googleapis.com/subscription/oldest_unacked_message_age\" AND ${local.subscription_filter} AND resource.labels.subscription_id=one_of(${join(",", [for s in var.push_subscriptions : "\"${s}\""])})"
      comparison      = "COMPARISON_GT"
      threshold_value = 600
      duration        = "300s"
      aggregations {
        alignment_period   = "60s"
        per_series_aligner = "ALIGN_MAX"
      }
    }
  }
  documentation {
    content   = "docs/OPERATIONS.md, \"Alert: a worker falls behind\"."
    mime_type = "text/markdown"
  }
}

resource "google_monitoring_alert_policy" "scheduler_failed" {
  project               = var.project_id
  display_name          = "Ekklesia ${var.name}: a scheduled job failed"
  combiner              = "OR"
  notification_channels = var.notification_channels
  conditions {
    display_name = "a Cloud Scheduler run of the deployment logged an error"
    condition_matched_log {
      filter = "resource.type=\"cloud_scheduler_job\" AND resource.labels.job_id:\"${var.name}-\" AND severity>=ERROR"
    }
  }
  alert_strategy {
    notification_rate_limit {
      period = "3600s"
    }
  }
  documentation {
    content   = "docs/OPERATIONS.md, \"Alert: a scheduled job failed\"."
    mime_type = "text/markdown"
  }
}

resource "google_monitoring_alert_policy" "migration_failed" {
  project               = var.project_id
  display_name          = "Ekklesia ${var.name}: the migration job failed"
  combiner              = "OR"
  notification_channels = var.notification_channels
  conditions {
    display_name = "a failed execution of the migration job"
    condition_threshold {
      filter          = "metric.type=\"run.googleapis.com/job/completed_execution_count\" AND resource.type=\"cloud_run_job\" AND resource.labels.job_name=\"${var.migrate_job}\" AND metric.labels.result=\"failed\""
      comparison      = "COMPARISON_GT"
      threshold_value = 0
      duration        = "0s"
      aggregations {
        alignment_period     = "300s"
        per_series_aligner   = "ALIGN_DELTA"
        cross_series_reducer = "REDUCE_SUM"
      }
    }
  }
  documentation {
    content   = "docs/OPERATIONS.md, \"Alert: the migration job failed\"."
    mime_type = "text/markdown"
  }
}

resource "google_monitoring_uptime_check_config" "healthz" {
  for_each     = local.uptime_hosts
  project      = var.project_id
  display_name = "${var.name} ${each.key} /healthz"
  timeout      = "10s"
  period       = "60s"
  http_check {
    path         = "/healthz"
    port         = 443
    use_ssl      = true
    validate_ssl = true
  }
  monitored_resource {
    type = "uptime_url"
    labels = {
      project_id = var.project_id
      host       = each.value
    }
  }
}

resource "google_monitoring_alert_policy" "healthz" {
  project               = var.project_id
  display_name          = "Ekklesia ${var.name}: a function's /healthz fails"
  combiner              = "OR"
  notification_channels = var.notification_channels
  dynamic "conditions" {
    for_each = google_monitoring_uptime_check_config.healthz
    content {
      display_name = "${conditions.key} /healthz failing from two or more regions"
      condition_threshold {
        filter          = "metric.type=\"monitoring.googleapis.com/uptime_check/check_passed\" AND resource.type=\"uptime_url\" AND metric.labels.check_id=\"${conditions.value.uptime_check_id}\""
        comparison      = "COMPARISON_GT"
        threshold_value = 1
        duration        = "120s"
        aggregations {
          alignment_period     = "60s"
          per_series_aligner   = "ALIGN_NEXT_OLDER"
          cross_series_reducer = "REDUCE_COUNT_FALSE"
          group_by_fields      = ["resource.label.host"]
        }
      }
    }
  }
  documentation {
    content   = "docs/OPERATIONS.md, \"Alert: /healthz fails\"."
    mime_type = "text/markdown"
  }
}

resource "google_monitoring_alert_policy" "key_destroyed_by_events" {
  project               = var.project_id
  display_name          = "Ekklesia ${var.name}: an election key version destroyed by the events function"
  combiner              = "OR"
  notification_channels = var.notification_channels
  conditions {
    display_name = "DestroyCryptoKeyVersion by the events service account"
    condition_matched_log {
      filter = "protoPayload.methodName=\"DestroyCryptoKeyVersion\" AND protoPayload.authenticationInfo.principalEmail=\"${var.events_service_account}\""
    }
  }
  alert_strategy {
    notification_rate_limit {
      period = "300s"
    }
  }
  documentation {
    content   = "docs/OPERATIONS.md, \"Alert: an election key version destroyed by the events function\": restorable for 24 h."
    mime_type = "text/markdown"
  }
}
