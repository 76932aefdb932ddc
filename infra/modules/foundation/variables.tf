variable "project_id" {
  description = "The Google Cloud project that holds the whole system."
  type        = string
}

variable "region" {
  description = "The region of every regional resource (Cloud Run, Cloud SQL, Cloud Tasks, Artifact Registry)."
  type        = string
}

variable "name" {
  description = "A short prefix for resource names (for example ekklesia-prod)."
  type        = string
}
