variable "project_id" {
  description = "The Google Cloud project the resources are made in."
  type        = string
}

variable "name" {
  description = "The deployment's name (e.g. ekklesia-prod): the prefix of every resource's name."
  type        = string
}
