output "events_url" {
  value = module.ekklesia.urls["events"]
}

output "elections_url" {
  value = module.ekklesia.urls["elections"]
}

output "source_bucket" {
  description = "Upload RELEASE.zip here before terraform apply."
  value       = module.ekklesia.source_bucket
}

output "image_repository" {
  value = module.ekklesia.image_repository
}

output "migrate_job" {
  value = module.ekklesia.migrate_job
}

output "secrets_to_fill" {
  description = "Add a version to each before the first full apply (infra/README.md, step 3)."
  value       = module.ekklesia.hand_secrets
}
