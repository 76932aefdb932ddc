terraform {
  required_version = ">= 1.11"
  required_providers {
    google = {
      source  = "hashicorp/google"
      version = "~> 6.50"
    }
  }
}

# The project and region are the platform's: the app root has no setting that could point elsewhere.
provider "google" {
  project = data.terraform_remote_state.platform.outputs.platform.project_id
  region  = data.terraform_remote_state.platform.outputs.platform.region
}
