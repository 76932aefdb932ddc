variable "project_id" {
  description = "The Google Cloud project the resources are made in."
  type        = string
}

variable "name" {
  description = "The deployment's name (e.g. ekklesia-prod): the prefix of every resource's name."
  type        = string
}

variable "elections_service" {
  description = "The elections Cloud Run service's name."
  type        = string
}

variable "database_id" {
  description = "PROJECT:INSTANCE, Cloud SQL's database_id label."
  type        = string
}

variable "max_connections" {
  description = "Cloud SQL's max_connections: the alert on connections fires at 80 % of it."
  type        = number
}

variable "notification_channels" {
  description = "Notification channel ids (projects/P/notificationChannels/N) the four alerts go to; create them in the console or with google_monitoring_notification_channel."
  type        = list(string)
}

variable "busy_alert_per_s" {
  description = "423 busy answers per second, averaged over 5 minutes, above which the lock-wait alert fires (infra/README.md, \"Alerts\")."
  type        = number
  default     = 1
}
