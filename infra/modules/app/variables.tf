variable "platform" {
  description = "The platform root's outputs (modules/platform/outputs.tf), read from its state."
  type = object({
    project_id          = string
    region              = string
    name                = string
    service_urls        = map(string)
    audiences           = map(string)
    service_accounts    = map(string)
    kms_key             = string
    sql_connection_name = string
    sql_instance_name   = string
    db_url_secrets      = map(string)
    db_password_secrets = map(string)
    password_versions   = map(number)
    hand_secrets        = map(string)
    tasks_queue         = string
    topics              = map(string)
    dead_letter_topics  = map(string)
  })
}

variable "image" {
  description = "The release's image by digest (npm run release passes it)."
  type        = string
}

variable "database_slot" {
  description = "Which login of each application role the services use, a or b (infra/README.md, \"Rotating the database passwords\")."
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

variable "ballot_mode" {
  description = "BALLOT_MODE of the elections function: sync, auto or queue (README, \"Overload\")."
  type        = string
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
  description = "What the lifecycle worker sets on meeting days and after: min instances, the Cloud SQL tier and availability (docs/OPERATIONS.md)."
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
    # The share of new traces sampled while a meeting is on (docs/threat-model.md, "Traces"); 0 keeps TRACE_RATIO.
    trace_ratio = optional(number, 1)
  })
}
