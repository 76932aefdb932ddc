output "service_names" {
  description = "Cloud Run service name per deployable."
  value       = module.services.service_names
}

output "image" {
  description = "The image the release runs."
  value       = module.services.image
}

output "migrate_job" {
  description = "The migration job's name."
  value       = module.services.migrate_job
}
