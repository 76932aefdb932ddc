variable "state_bucket" {
  description = "The bucket holding both roots' state (infra/README.md, step 1): the platform's outputs are read from it."
  type        = string
}

variable "image" {
  description = "The release's image by digest; npm run release passes it (-var image=…@sha256:…)."
  type        = string
}

variable "database_slot" {
  description = "Which login of each application role the services use, a or b; switch only after the platform rotated the other slot (infra/README.md, \"Rotating the database passwords\")."
  type        = string
  default     = "a"
}

variable "jwt_issuer" {
  description = "The OpenID issuer members and admins sign in with."
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
  description = "sync, auto or queue (README, \"Overload: the queue fallback\")."
  type        = string
  default     = "auto"
  validation {
    condition     = contains(["sync", "auto", "queue"], var.ballot_mode)
    error_message = "ballot_mode must be sync, auto or queue."
  }
}
