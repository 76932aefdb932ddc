output "urls" {
  value = module.services.urls
}

output "source_bucket" {
  value = module.foundation.source_bucket
}

output "image_repository" {
  value = module.foundation.image_repository
}

output "migrate_job" {
  value = module.services.migrate_job
}

output "hand_secrets" {
  value = module.secrets.ids
}
