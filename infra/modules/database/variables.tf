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

variable "tier" {
  description = "The instance's tier at creation. The lifecycle worker changes it on meeting days (LIFECYCLE_WARM_TIER / LIFECYCLE_BASE_TIER); Terraform leaves it alone afterwards."
  type        = string
}

variable "max_connections" {
  description = "Set explicitly, so the connection budget (infra/README.md) does not depend on the tier's default."
  type        = number
}

variable "availability_type" {
  description = "REGIONAL (a standby in another zone) for production, ZONAL for development."
  type        = string
  default     = "ZONAL"
  validation {
    condition     = contains(["ZONAL", "REGIONAL"], var.availability_type)
    error_message = "availability_type must be ZONAL or REGIONAL."
  }
}

variable "backup_retention_days" {
  description = "How many daily backups are kept."
  type        = number
  default     = 14
}

variable "transaction_log_retention_days" {
  description = "Days of WAL kept for point-in-time recovery (1–7). One day (docs/threat-model.md, \"What to configure\"): the WAL before a seal dates late registrations and the casts that spend them, so it is kept no longer than recovery on a meeting day needs; daily backups (backup_retention_days) cover the rest."
  type        = number
  default     = 1
  validation {
    condition     = var.transaction_log_retention_days >= 1 && var.transaction_log_retention_days <= 7
    error_message = "Cloud SQL keeps 1 to 7 days of transaction logs."
  }
}

variable "deletion_protection" {
  description = "Whether Terraform and Cloud SQL refuse to delete the instance (true in production)."
  type        = bool
  default     = true
}

variable "password_versions" {
  description = "Raise one to rotate its passwords: owner (the owner's, set by Cloud SQL in the apply), a or b (the application logins of that slot; raise only the slot the app root does not use, infra/README.md \"Rotating the database passwords\"). The next apply makes new ones and writes them through write-only arguments, never into the state."
  type = object({
    owner = optional(number, 1)
    a     = optional(number, 1)
    b     = optional(number, 1)
  })
  default = {}
  validation {
    condition     = alltrue([for v in values(var.password_versions) : v >= 1])
    error_message = "password versions start at 1."
  }
}

variable "instance_name" {
  description = "The Cloud SQL instance's name: var.name at first; after a restore into a new instance, that instance's (docs/OPERATIONS.md, \"Restore\"). Nothing else is renamed."
  type        = string
}
