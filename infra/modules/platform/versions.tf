terraform {
  required_providers {
    google = {
      source  = "hashicorp/google"
      version = ">= 6.40, < 8"
    }
    random = {
      source  = "hashicorp/random"
      version = ">= 3.7, < 4"
    }
  }
}
