variable "project_id" {
  type = string
}

variable "region" {
  type = string
}

variable "name" {
  type = string
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
}

variable "backup_retention_days" {
  description = "How many daily backups are kept."
  type        = number
  default     = 14
}

variable "deletion_protection" {
  type    = bool
  default = true
}
