output "instance_name" {
  value = google_sql_database_instance.main.name
}

output "connection_name" {
  description = "PROJECT:REGION:INSTANCE, what Cloud Run mounts under /cloudsql."
  value       = google_sql_database_instance.main.connection_name
}

output "url_secrets" {
  description = "Secret id per role of its connection URL (ekklesia_owner and the four application roles)."
  value       = { for role, s in google_secret_manager_secret.url : role => s.secret_id }
}

output "password_secrets" {
  description = "Secret id per application role of its password (for the migration job)."
  value       = { for role, s in google_secret_manager_secret.password : role => s.secret_id }
}

output "max_connections" {
  value = var.max_connections
}
