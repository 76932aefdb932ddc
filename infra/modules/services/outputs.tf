output "service_names" {
  description = "Cloud Run service name per deployable."
  value       = { for k, s in google_cloud_run_v2_service.fn : k => s.name }
}

output "image" {
  description = "The image every service and the migration job run."
  value       = var.image
}

output "migrate_job" {
  description = "The migration job's name."
  value       = google_cloud_run_v2_job.migrate.name
}
