output "image_repository" {
  description = "Where the functions' images are built to: REGION-docker.pkg.dev/PROJECT/REPO."
  value       = "${var.region}-docker.pkg.dev/${var.project_id}/${google_artifact_registry_repository.images.repository_id}"
}

output "source_bucket" {
  value = google_storage_bucket.source.name
}

output "kms_key" {
  description = "The CryptoKey each election's secret gets a version of (KMS_KEY)."
  value       = google_kms_crypto_key.election_secrets.id
}
