# What everything else stands on: the APIs, the registry the functions' images
# are built into, the bucket their source is uploaded to, and the Cloud KMS
# key under which each election's token secret gets its own key version.

locals {
  apis = [
    "artifactregistry.googleapis.com",
    "cloudbuild.googleapis.com",
    "cloudkms.googleapis.com",
    "cloudscheduler.googleapis.com",
    "cloudtasks.googleapis.com",
    "iam.googleapis.com",
    "iamcredentials.googleapis.com",
    "logging.googleapis.com",
    "monitoring.googleapis.com",
    "pubsub.googleapis.com",
    "run.googleapis.com",
    "secretmanager.googleapis.com",
    "sqladmin.googleapis.com",
    "storage.googleapis.com",
  ]
}

resource "google_project_service" "api" {
  for_each           = toset(local.apis)
  project            = var.project_id
  service            = each.value
  disable_on_destroy = false
}

resource "google_artifact_registry_repository" "images" {
  project       = var.project_id
  location      = var.region
  repository_id = var.name
  format        = "DOCKER"
  description   = "Images Cloud Build makes from the deploy package (npm run build)."
  # Releases pile up: the ten newest are kept (a rollback reaches back that far), anything else older than 30 days goes.
  cleanup_policy_dry_run = false
  cleanup_policies {
    id     = "keep-recent-releases"
    action = "KEEP"
    most_recent_versions {
      keep_count = 10
    }
  }
  cleanup_policies {
    id     = "delete-old"
    action = "DELETE"
    condition {
      tag_state  = "ANY"
      older_than = "2592000s"
    }
  }
  depends_on = [google_project_service.api]
}

resource "google_storage_bucket" "source" {
  project                     = var.project_id
  name                        = "${var.project_id}-${var.name}-source"
  location                    = var.region
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
  versioning {
    enabled = true
  }
  depends_on = [google_project_service.api]
}

resource "google_kms_key_ring" "ekklesia" {
  project    = var.project_id
  name       = var.name
  location   = var.region
  depends_on = [google_project_service.api]
}

# Each election's secret is wrapped under its own version of this key, and the
# version is destroyed at the seal (README, "Secrecy"): 24 h is the shortest
# scheduled destruction Cloud KMS allows, so a sealed election's secret is
# gone a day after the seal, not 30 days (the default).
resource "google_kms_crypto_key" "election_secrets" {
  name                       = "election-secrets"
  key_ring                   = google_kms_key_ring.ekklesia.id
  purpose                    = "ENCRYPT_DECRYPT"
  destroy_scheduled_duration = "86400s"
  lifecycle {
    prevent_destroy = true
  }
}
