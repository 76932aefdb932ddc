variable "project_id" {
  type = string
}

variable "region" {
  type = string
}

variable "service_accounts" {
  type = map(string)
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
