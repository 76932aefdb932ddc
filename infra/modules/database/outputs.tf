output "instance_name" {
  value = google_sql_database_instance.main.name
}

output "connection_name" {
  description = "PROJECT:REGION:INSTANCE, what Cloud Run mounts under /cloudsql."
  value       = google_sql_database_instance.main.connection_name
}

output "url_secrets" {
  description = "Secret id per login of its connection URL: ekklesia_owner, and each application role's two slots (ROLE and ROLE_b)."
  value       = { for login, s in google_secret_manager_secret.url : login => s.secret_id }
}

output "password_secrets" {
  description = "Secret id per application login (both slots) of its password, for the migration job."
  value       = { for login, s in google_secret_manager_secret.password : login => s.secret_id }
}

output "password_versions" {
  description = "The slots' password versions: the app root runs the migration job again when one changes."
  value       = var.password_versions
}

output "max_connections" {
  value = var.max_connections
}
