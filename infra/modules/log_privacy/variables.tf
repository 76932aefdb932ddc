variable "project_id" {
  description = "The project whose _Default sink the exclusions apply to."
  type        = string
}

variable "name" {
  description = "The deployment's name, the prefix of the exclusions' names."
  type        = string
}

variable "events_service" {
  description = "The events Cloud Run service's name (its token route's request logs are excluded)."
  type        = string
}

variable "elections_service" {
  description = "The elections Cloud Run service's name (all its request logs are excluded)."
  type        = string
}

variable "ballot_tasks_service" {
  description = "The ballot task handler's Cloud Run service name (all its request logs are excluded)."
  type        = string
}
