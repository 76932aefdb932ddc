variable "project_id" {
  description = "The Google Cloud project the resources are made in."
  type        = string
}

variable "region" {
  description = "The region of the regional resources (Cloud Run, Cloud SQL, Cloud Tasks, Scheduler)."
  type        = string
}

variable "service_accounts" {
  description = "identities.emails: the service account e-mail of each deployable and calling service."
  type        = map(string)
}

variable "max_dispatches_per_second" {
  description = "At most 500 (Cloud Tasks' per-queue limit); see infra/README.md, \"Sizing\"."
  type        = number
  validation {
    condition     = var.max_dispatches_per_second > 0 && var.max_dispatches_per_second <= 500
    error_message = "Cloud Tasks allows at most 500 dispatches a second per queue."
  }
}

variable "max_concurrent_dispatches" {
  description = "Matched to the handler: its max instances times its request concurrency."
  type        = number
}
