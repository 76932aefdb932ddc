variable "project_id" {
  description = "The Google Cloud project of this environment (one project per environment: topic names are fixed)."
  type        = string
}

variable "region" {
  description = "The region of the regional resources (Cloud Run, Cloud SQL, Cloud Tasks, Scheduler)."
  type        = string
  default     = "europe-west1"
}

variable "release" {
  description = "The release to deploy: gs://SOURCE_BUCKET/RELEASE.zip and the images' tag (infra/README.md, \"Deploying a release\")."
  type        = string
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

variable "notification_channels" {
  description = "Where the alerts go: notification channel ids."
  type        = list(string)
  default     = []
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
