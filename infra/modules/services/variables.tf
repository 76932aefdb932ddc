variable "project_id" {
  type = string
}

variable "region" {
  type = string
}

variable "name" {
  type = string
}

variable "release" {
  description = "The release being deployed: the source archive gs://SOURCE_BUCKET/RELEASE.zip (npm run build, zipped) and the image tag."
  type        = string
}

variable "source_bucket" {
  type = string
}

variable "image_repository" {
  type = string
}

variable "service_accounts" {
  description = "identities.emails: e-mail per deployable and calling service."
  type        = map(string)
}

variable "sql_connection_name" {
  type = string
}

variable "sql_instance_name" {
  type = string
}

variable "db_url_secrets" {
  description = "database.url_secrets: secret id of the URL per role."
  type        = map(string)
}

variable "db_password_secrets" {
  description = "database.password_secrets: secret id of the password per application role."
  type        = map(string)
}

variable "hand_secrets" {
  description = "secrets.ids: operator-key and s2s-keys."
  type        = map(string)
}

variable "kms_key" {
  type = string
}

variable "tasks_queue" {
  description = "The ballot queue's full name, projects/P/locations/L/queues/Q (ballot_queue.name)."
  type        = string
}

variable "ballot_mode" {
  description = "BALLOT_MODE of the elections function: sync, auto or queue (README, \"Overload\")."
  type        = string
  default     = "auto"
  validation {
    condition     = contains(["sync", "auto", "queue"], var.ballot_mode)
    error_message = "ballot_mode must be sync, auto or queue."
  }
}

variable "jwt_issuer" {
  description = "The identity provider members and admins sign in with (JWT_ISSUER)."
  type        = string
}

variable "jwt_audience" {
  type = string
}

variable "jwks_url" {
  type = string
}

variable "log_level" {
  type    = string
  default = "info"
}

variable "sizing" {
  description = "Per deployable: cpu, memory, request concurrency, min and max instances, database pool (infra/README.md, \"Sizing\")."
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
  description = "What the lifecycle worker sets on meeting days and after (ADR-001)."
  type = object({
    warm_min_instances = number
    base_min_instances = number
    warm_tier          = string
    base_tier          = string
    tier_threshold     = number
  })
}
