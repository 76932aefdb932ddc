# The seed's observability baseline: two dashboards (elections, database) and
# four alerts (error rate, p95 latency, database connections, lock waits),
# plus one for the ballot queue that does not drain. Built-in metrics where
# they exist; log-based metrics for what only the logs know.

locals {
  busy_metric       = "${var.name}_ballot_busy"
  overloaded_metric = "${var.name}_ballot_overloaded"
  lock_wait_metric  = "${var.name}_pg_lock_waits"
  elections         = "resource.type=\"cloud_run_revision\" AND resource.labels.service_name=\"${var.elections_service}\""
  templates = {
    project_id        = var.project_id
    name              = var.name
    elections_service = var.elections_service
    database_id       = var.database_id
    max_connections   = var.max_connections
    connection_alert  = floor(var.max_connections * 0.8)
    busy_metric       = local.busy_metric
    overloaded_metric = local.overloaded_metric
    lock_wait_metric  = local.lock_wait_metric
    busy_alert_per_s  = var.busy_alert_per_s
  }
}

# Cloud Run's request log has every answer's status, whatever the function logs.
resource "google_logging_metric" "busy" {
  project = var.project_id
  name    = local.busy_metric
  filter  = "${local.elections} AND logName=\"projects/${var.project_id}/logs/run.googleapis.com%2Frequests\" AND httpRequest.status=423"
  metric_descriptor {
    metric_kind = "DELTA"
    value_type  = "INT64"
    unit        = "1"
  }
}

resource "google_logging_metric" "overloaded" {
  project = var.project_id
  name    = local.overloaded_metric
  filter  = "${local.elections} AND logName=\"projects/${var.project_id}/logs/run.googleapis.com%2Frequests\" AND httpRequest.status=503"
  metric_descriptor {
    metric_kind = "DELTA"
    value_type  = "INT64"
    unit        = "1"
  }
}

# log_lock_waits (modules/database): PostgreSQL logs "still waiting for … Lock" after deadlock_timeout.
resource "google_logging_metric" "pg_lock_waits" {
  project = var.project_id
  name    = local.lock_wait_metric
  filter  = "resource.type=\"cloudsql_database\" AND resource.labels.database_id=\"${var.database_id}\" AND textPayload:\"still waiting for\""
  metric_descriptor {
    metric_kind = "DELTA"
    value_type  = "INT64"
    unit        = "1"
  }
}

resource "google_monitoring_dashboard" "elections" {
  project        = var.project_id
  dashboard_json = templatefile("${path.module}/dashboards/elections.json.tftpl", local.templates)
  depends_on     = [google_logging_metric.busy, google_logging_metric.overloaded]
}

resource "google_monitoring_dashboard" "database" {
  project        = var.project_id
  dashboard_json = templatefile("${path.module}/dashboards/database.json.tftpl", local.templates)
  depends_on     = [google_logging_metric.busy, google_logging_metric.pg_lock_waits]
}

resource "google_monitoring_alert_policy" "error_rate" {
  project               = var.project_id
  display_name          = "Ekklesia ${var.name}: elections error rate above 5 %"
  combiner              = "OR"
  notification_channels = var.notification_channels
  conditions {
    display_name = "5xx / all requests > 5 % over 5 min"
    condition_threshold {
      filter             = "metric.type=\"run.googleapis.com/request_count\" AND ${local.elections} AND metric.labels.response_code_class=\"5xx\""
      denominator_filter = "metric.type=\"run.googleapis.com/request_count\" AND ${local.elections}"
      comparison         = "COMPARISON_GT"
      threshold_value    = 0.05
      duration           = "300s"
      aggregations {
        alignment_period     = "60s"
        per_series_aligner   = "ALIGN_RATE"
        cross_series_reducer = "REDUCE_SUM"
      }
      denominator_aggregations {
        alignment_period     = "60s"
        per_series_aligner   = "ALIGN_RATE"
        cross_series_reducer = "REDUCE_SUM"
      }
    }
  }
  documentation {
    content   = "docs/OPERATIONS.md, \"Alert: elections error rate\"."
    mime_type = "text/markdown"
  }
}

resource "google_monitoring_alert_policy" "latency" {
  project               = var.project_id
  display_name          = "Ekklesia ${var.name}: elections p95 above 300 ms"
  combiner              = "OR"
  notification_channels = var.notification_channels
  conditions {
    display_name = "p95 request latency > 300 ms over 5 min"
    condition_threshold {
      filter          = "metric.type=\"run.googleapis.com/request_latencies\" AND ${local.elections}"
      comparison      = "COMPARISON_GT"
      threshold_value = 300
      duration        = "300s"
      aggregations {
        alignment_period     = "60s"
        per_series_aligner   = "ALIGN_DELTA"
        cross_series_reducer = "REDUCE_PERCENTILE_95"
      }
    }
  }
  documentation {
    content   = "docs/OPERATIONS.md, \"Alert: elections p95\"."
    mime_type = "text/markdown"
  }
}

resource "google_monitoring_alert_policy" "connections" {
  project               = var.project_id
  display_name          = "Ekklesia ${var.name}: database connections above 80 %"
  combiner              = "OR"
  notification_channels = var.notification_channels
  conditions {
    display_name = "backends > 80 % of max_connections over 5 min"
    condition_threshold {
      filter          = "metric.type=\"cloudsql.googleapis.com/database/postgresql/num_backends\" AND resource.type=\"cloudsql_database\" AND resource.labels.database_id=\"${var.database_id}\""
      comparison      = "COMPARISON_GT"
      threshold_value = floor(var.max_connections * 0.8)
      duration        = "300s"
      aggregations {
        alignment_period     = "60s"
        per_series_aligner   = "ALIGN_MAX"
        cross_series_reducer = "REDUCE_SUM"
      }
    }
  }
  documentation {
    content   = "docs/OPERATIONS.md, \"Alert: database connections\"."
    mime_type = "text/markdown"
  }
}

resource "google_monitoring_alert_policy" "lock_waits" {
  project               = var.project_id
  display_name          = "Ekklesia ${var.name}: lock waits"
  combiner              = "OR"
  notification_channels = var.notification_channels
  conditions {
    display_name = "423 busy answers above the threshold over 5 min"
    condition_threshold {
      filter          = "metric.type=\"logging.googleapis.com/user/${local.busy_metric}\" AND resource.type=\"cloud_run_revision\""
      comparison      = "COMPARISON_GT"
      threshold_value = var.busy_alert_per_s
      duration        = "300s"
      aggregations {
        alignment_period     = "60s"
        per_series_aligner   = "ALIGN_RATE"
        cross_series_reducer = "REDUCE_SUM"
      }
    }
  }
  conditions {
    display_name = "PostgreSQL lock waits past deadlock_timeout"
    condition_threshold {
      filter          = "metric.type=\"logging.googleapis.com/user/${local.lock_wait_metric}\" AND resource.type=\"cloudsql_database\""
      comparison      = "COMPARISON_GT"
      threshold_value = 0
      duration        = "300s"
      aggregations {
        alignment_period   = "60s"
        per_series_aligner = "ALIGN_RATE"
      }
    }
  }
  documentation {
    content   = "docs/OPERATIONS.md, \"Alert: lock waits\"."
    mime_type = "text/markdown"
  }
  depends_on = [google_logging_metric.busy, google_logging_metric.pg_lock_waits]
}

resource "google_monitoring_alert_policy" "queue_not_draining" {
  project               = var.project_id
  display_name          = "Ekklesia ${var.name}: ballot queue not draining"
  combiner              = "OR"
  notification_channels = var.notification_channels
  conditions {
    display_name = "tasks waiting in the ballot queue for 15 min"
    condition_threshold {
      filter          = "metric.type=\"cloudtasks.googleapis.com/queue/depth\" AND resource.type=\"cloud_tasks_queue\" AND resource.labels.queue_id=\"ballots\""
      comparison      = "COMPARISON_GT"
      threshold_value = 0
      duration        = "900s"
      aggregations {
        alignment_period   = "60s"
        per_series_aligner = "ALIGN_MIN"
      }
    }
  }
  documentation {
    content   = "docs/OPERATIONS.md, \"Alert: ballot queue not draining\"."
    mime_type = "text/markdown"
  }
}
