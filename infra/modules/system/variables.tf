variable "project_id" {
  type = string
}

variable "region" {
  type = string
}

variable "name" {
  description = "The prefix of every name (ekklesia-prod): at most 16 characters."
  type        = string
}

variable "release" {
  type = string
}

variable "jwt_issuer" {
  type = string
}

variable "jwt_audience" {
  type = string
}

variable "jwks_url" {
  type = string
}

variable "notification_channels" {
  type = list(string)
}

variable "ballot_mode" {
  type = string
}

variable "database" {
  description = "The Cloud SQL tier at creation, max_connections, and ZONAL or REGIONAL."
  type = object({
    tier              = string
    max_connections   = number
    availability_type = string
  })
}

variable "sizing" {
  description = "Per deployable (services module, sizing)."
  type = map(object({
    cpu           = string
    memory        = string
    concurrency   = number
    min_instances = number
    max_instances = number
    db_pool       = number
    timeout_s     = number
  }))
}

variable "lifecycle_policy" {
  type = object({
    warm_min_instances = number
    base_min_instances = number
    warm_tier          = string
    base_tier          = string
    tier_threshold     = number
  })
}

variable "ballot_queue" {
  type = object({
    max_dispatches_per_second = number
    max_concurrent_dispatches = number
  })
}
