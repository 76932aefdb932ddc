variable "project_id" {
  description = "The Google Cloud project of this environment (one project per environment: topic names are fixed)."
  type        = string
}

variable "region" {
  description = "The region of the regional resources (Cloud Run, Cloud SQL, Cloud Tasks, Scheduler)."
  type        = string
  default     = "europe-west1"
}

variable "notification_channels" {
  description = "Where the alerts go: notification channel ids."
  type        = list(string)
  default     = []
}
