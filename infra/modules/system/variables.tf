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

variable "release" {
  description = "The release being deployed: its source archive in the source bucket and its image tag."
  type        = string
}

variable "jwt_issuer" {
  description = "The identity provider members and admins sign in with (JWT_ISSUER)."
  type        = string
}

variable "jwt_audience" {
  description = "The audience of the members' JWTs (JWT_AUDIENCE): the API's identifier at the identity provider."
  type        = string
}

variable "jwks_url" {
  description = "The identity provider's JWKS URL (JWKS_URL), whose keys sign the members' JWTs."
  type        = string
}

variable "notification_channels" {
  description = "Notification channel ids (projects/P/notificationChannels/N) the alerts go to."
  type        = list(string)
}

variable "ballot_mode" {
  description = "BALLOT_MODE of the elections function: sync, auto or queue (README, \"Overload\")."
  type        = string
  validation {
    condition     = contains(["sync", "auto", "queue"], var.ballot_mode)
    error_message = "ballot_mode must be sync, auto or queue."
  }
}

variable "database" {
  description = "The Cloud SQL tier at creation, max_connections, ZONAL or REGIONAL, and the passwords' version (raise it to rotate them)."
  type = object({
    tier              = string
    max_connections   = number
    availability_type = string
    password_version  = optional(number, 1)
  })
  validation {
    condition     = contains(["ZONAL", "REGIONAL"], var.database.availability_type)
    error_message = "database.availability_type must be ZONAL or REGIONAL."
  }
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
  description = "What the lifecycle worker sets on meeting days and after: min instances and the Cloud SQL tier (docs/OPERATIONS.md)."
  type = object({
    warm_min_instances = number
    base_min_instances = number
    warm_tier          = string
    base_tier          = string
    tier_threshold     = number
  })
}

variable "ballot_queue" {
  description = "The ballot queue's dispatch rate and concurrency (ballot_queue module; infra/README.md, \"Sizing\")."
  type = object({
    max_dispatches_per_second = number
    max_concurrent_dispatches = number
  })
}
