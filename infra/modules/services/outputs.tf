output "urls" {
  description = "Service URL per deployable."
  value       = local.url
}

output "audiences" {
  description = "The OIDC audience each internal service accepts from its caller."
  value       = local.audience
}

output "service_names" {
  value = { for k, s in google_cloud_run_v2_service.fn : k => s.name }
}

output "migrate_job" {
  value = google_cloud_run_v2_job.migrate.name
}
