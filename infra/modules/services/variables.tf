variable "project_id" {
  description = "The Google Cloud project the resources are made in."
  type        = string
}

variable "region" {
  description = "The region of the regional resources (Cloud Run, Cloud SQL, Cloud Tasks, Scheduler)."
  type        = string
}

variable "name" {
  description = "The deployment's name (e.g. ekklesia-prod): the prefix of every resource's name."
  type        = string
}

variable "image" {
  description = "The release's image by digest (REGION-docker.pkg.dev/P/REPO/ekklesia@sha256:…, npm run release): every service and the migration job run it."
  type        = string
  validation {
    condition     = can(regex("^[a-z0-9.-]+-docker\\.pkg\\.dev/[^@]+@sha256:[0-9a-f]{64}$", var.image))
    error_message = "image must be an Artifact Registry image by digest (…@sha256:<64 hex>), never a tag that can move."
  }
}

variable "service_urls" {
  description = "URL per deployable (platform output service_urls)."
  type        = map(string)
}

variable "audiences" {
  description = "The OIDC audience each internal service accepts from its caller (platform output audiences)."
  type        = map(string)
}

variable "database_slot" {
  description = "Which of each application role's two logins the services use, a or b (infra/README.md, \"Rotating the database passwords\")."
  type        = string
  default     = "a"
  validation {
    condition     = contains(["a", "b"], var.database_slot)
    error_message = "database_slot must be a or b."
  }
}

variable "password_versions" {
  description = "The platform's password versions (database.password_versions): a change runs the migration job again."
  type        = map(number)
}

variable "service_accounts" {
  description = "identities.emails: e-mail per deployable and calling service."
  type        = map(string)
}

variable "sql_connection_name" {
  description = "database.connection_name: PROJECT:REGION:INSTANCE, mounted at /cloudsql by each service."
  type        = string
}

variable "sql_instance_name" {
  description = "database.instance_name: the Cloud SQL instance, whose tier the lifecycle worker changes."
  type        = string
}

variable "db_url_secrets" {
  description = "database.url_secrets: secret id of the URL per login (the owner, and both slots of each application role)."
  type        = map(string)
}

variable "db_password_secrets" {
  description = "database.password_secrets: secret id of the password per application login (both slots)."
  type        = map(string)
}

variable "hand_secrets" {
  description = "secrets.ids: operator-key and s2s-keys."
  type        = map(string)
}

variable "kms_key" {
  description = "foundation.kms_key: the election-secrets CryptoKey (projects/P/locations/L/keyRings/R/cryptoKeys/K)."
  type        = string
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
  description = "The audience of the members' JWTs (JWT_AUDIENCE): the API's identifier at the identity provider."
  type        = string
}

variable "jwks_url" {
  description = "The identity provider's JWKS URL (JWKS_URL), whose keys sign the members' JWTs."
  type        = string
}

variable "trace_ratio" {
  description = "TRACE_RATIO of every service: the share of new traces sent to Cloud Trace outside a meeting (the seed: 1 %)."
  type        = number
  default     = 0.01
  validation {
    condition     = var.trace_ratio >= 0 && var.trace_ratio <= 1
    error_message = "trace_ratio must be from 0 to 1."
  }
}

variable "log_level" {
  description = "LOG_LEVEL of every service."
  type        = string
  default     = "info"
  validation {
    condition     = contains(["fatal", "error", "warn", "info", "debug", "trace", "silent"], var.log_level)
    error_message = "log_level must be a pino level."
  }
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
  description = "What the lifecycle worker sets on meeting days and after (docs/adr/001-capacity-by-lifecycle-worker.md)."
  type = object({
    warm_min_instances = number
    base_min_instances = number
    warm_tier          = string
    base_tier          = string
    warm_availability  = string
    base_availability  = string
    tier_threshold     = number
    # Sizing by attendance (docs/capacity.md): the seconds members take to arrive at a vote, and the ballots a
    # second planned per elections instance.
    vote_window_s        = optional(number, 5)
    ballots_per_instance = optional(number, 650)
    # The share of new traces sampled while a meeting is on (the seed: 50-100 %); 0 keeps TRACE_RATIO.
    trace_ratio = optional(number, 1)
  })
}
