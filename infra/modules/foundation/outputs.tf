output "image_repository" {
  description = "Where each release's image is pushed: REGION-docker.pkg.dev/PROJECT/REPO."
  value       = "${var.region}-docker.pkg.dev/${var.project_id}/${google_artifact_registry_repository.images.repository_id}"
}

output "image_repository_id" {
  description = "The repository's resource id (projects/P/locations/L/repositories/R), for IAM on it."
  value       = google_artifact_registry_repository.images.id
}

output "build_bucket" {
  description = "The bucket Cloud Build stages a release's source in."
  value       = google_storage_bucket.build.name
}

output "kms_key" {
  description = "The CryptoKey each election's secret gets a version of (KMS_KEY)."
  value       = google_kms_crypto_key.election_secrets.id
}

output "apis" {
  description = "The APIs enabled: what depends on an API waits for this."
  value       = [for a in google_project_service.api : a.service]
}
