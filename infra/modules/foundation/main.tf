# What everything else stands on: the APIs, the registry each release's one
# image is pushed to, the bucket Cloud Build stages a release's source in, and
# the Cloud KMS key under which each election's token secret gets its own key
# version.

locals {
  apis = [
    "artifactregistry.googleapis.com",
    "cloudbuild.googleapis.com",
    "cloudkms.googleapis.com",
    "cloudresourcemanager.googleapis.com",
    "cloudscheduler.googleapis.com",
    "cloudtasks.googleapis.com",
    "iam.googleapis.com",
    "iamcredentials.googleapis.com",
    "logging.googleapis.com",
    "monitoring.googleapis.com",
    "pubsub.googleapis.com",
    "run.googleapis.com",
    "secretmanager.googleapis.com",
    "serviceusage.googleapis.com",
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
  description   = "One image per release, built by Cloud Build from the deploy package (npm run release)."
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

# Where `gcloud builds submit` stages a release's source for the build account to read
# (--gcs-source-staging-dir): the build is reproducible from the image, so the archives go after 30 days.
resource "google_storage_bucket" "build" {
  project                     = var.project_id
  name                        = "${var.project_id}-${var.name}-build"
  location                    = var.region
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
  lifecycle_rule {
    condition {
      age = 30
    }
    action {
      type = "Delete"
    }
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
