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

variable "dead_letter_subscriptions" {
  description = "The dead-letter hold subscriptions (messaging module): a message there is an event no worker could apply."
  type        = list(string)
}

variable "push_subscriptions" {
  description = "The workers' push subscriptions (messaging module), watched for a backlog."
  type        = list(string)
}

variable "migrate_job" {
  description = "The migration job's name (services module)."
  type        = string
}

variable "uptime_urls" {
  description = "Per public function (events, elections), its https URL: /healthz is checked every minute."
  type        = map(string)
}

variable "events_service_account" {
  description = "The events function's service account email: a key version it destroys is alerted on."
  type        = string
}
