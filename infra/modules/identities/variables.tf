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
