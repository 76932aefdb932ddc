output "dashboards" {
  value = [google_monitoring_dashboard.elections.id, google_monitoring_dashboard.database.id]
}

output "log_metrics" {
  value = [google_logging_metric.busy.name, google_logging_metric.overloaded.name, google_logging_metric.pg_lock_waits.name]
}
