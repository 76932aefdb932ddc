variable "project_id" {
  description = "The Google Cloud project the resources are made in."
  type        = string
}

variable "name" {
  description = "The deployment's name (e.g. ekklesia-prod): the prefix of the scheduler jobs' names."
  type        = string
}

variable "topics" {
  description = "messaging.topics (platform): topic name => id."
  type        = map(string)
}

variable "dead_letter_topics" {
  description = "messaging.dead_letter_topics (platform): topic name => its dead-letter topic's id."
  type        = map(string)
}

variable "service_urls" {
  description = "URL per deployable (platform output service_urls)."
  type        = map(string)
}

variable "audiences" {
  description = "The OIDC audience per internal service (platform output audiences)."
  type        = map(string)
}

variable "service_accounts" {
  description = "identities.emails (platform): the push and scheduler accounts sign as these."
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
