variable "project_id" {
  description = "The Google Cloud project the resources are made in."
  type        = string
}

variable "name" {
  description = "The prefix of every account id (at most 16 characters, so each id stays within 30)."
  type        = string
  validation {
    condition     = length(var.name) <= 16
    error_message = "name must be at most 16 characters."
  }
}

variable "kms_key" {
  description = "The election-secrets CryptoKey (foundation output kms_key)."
  type        = string
}

variable "region" {
  description = "The region of the image repository."
  type        = string
}

variable "sql_instance" {
  description = "The Cloud SQL instance's name (database.instance_name): the SQL grants' IAM Condition names it."
  type        = string
}

variable "build_bucket" {
  description = "foundation.build_bucket: the build account reads the staged source there."
  type        = string
}

variable "image_repository_id" {
  description = "foundation.image_repository_id: the build account pushes there."
  type        = string
}
