variable "project_id" {
  type = string
}

variable "name" {
  type = string
}
