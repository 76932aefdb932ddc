variable "project_id" {
  description = "The Google Cloud project the resources are made in."
  type        = string
}

variable "service_accounts" {
  description = "identities.emails: the publishers' and the push account's."
  type        = map(string)
}
