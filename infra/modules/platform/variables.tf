variable "project_id" {
  description = "The Google Cloud project the resources are made in."
  type        = string
}

variable "region" {
  description = "The region of the regional resources (Cloud Run, Cloud SQL, Cloud Tasks, Scheduler)."
  type        = string
}

variable "name" {
  description = "The prefix of every name (ekklesia-prod): at most 16 characters."
  type        = string
}

variable "notification_channels" {
  description = "Notification channel ids (projects/P/notificationChannels/N) the alerts go to."
  type        = list(string)
}

variable "database" {
  description = "The Cloud SQL tier and availability at creation (the lifecycle worker changes both on meeting days), max_connections, the password versions per slot (raise one to rotate), and the instance's name after a restore (docs/OPERATIONS.md, \"Restore\")."
  type = object({
    tier              = string
    max_connections   = number
    availability_type = string
    password_versions = optional(object({
      owner = optional(number, 1)
      a     = optional(number, 1)
      b     = optional(number, 1)
    }), {})
    instance_name = optional(string)
  })
  validation {
    condition     = contains(["ZONAL", "REGIONAL"], var.database.availability_type)
    error_message = "database.availability_type must be ZONAL or REGIONAL."
  }
}

variable "ballot_queue" {
  description = "The ballot queue's dispatch rate and concurrency (ballot_queue module; infra/README.md, \"Sizing\")."
  type = object({
    max_dispatches_per_second = number
    max_concurrent_dispatches = number
  })
}
