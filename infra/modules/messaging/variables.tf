variable "project_id" {
  description = "The Google Cloud project the resources are made in."
  type        = string
}

variable "name" {
  description = "The deployment's name (e.g. ekklesia-prod): the prefix of every resource's name."
  type        = string
}

variable "service_urls" {
  description = "services.urls: URL per deployable."
  type        = map(string)
}

variable "audiences" {
  description = "services.audiences: the OIDC audience per internal service."
  type        = map(string)
}

variable "service_accounts" {
  description = "identities.emails."
  type        = map(string)
}

variable "relay_sweep_schedule" {
  description = "How often Cloud Scheduler sweeps the outbox (the relay also publishes right after each commit)."
  type        = string
  default     = "* * * * *"
}

variable "lifecycle_tick_schedule" {
  description = "How often the lifecycle worker checks the meeting plans (pre-warm, scheduled open and close)."
  type        = string
  default     = "* * * * *"
}

variable "time_zone" {
  description = "The time zone the scheduler jobs' cron expressions are read in."
  type        = string
  default     = "Etc/UTC"
}
