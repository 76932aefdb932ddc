# What the app root reads (data.terraform_remote_state.platform): every value is a name or an id, never a secret.

output "project_id" {
  description = "The environment's project."
  value       = var.project_id
}

output "region" {
  description = "The region of every regional resource."
  value       = var.region
}

output "name" {
  description = "The prefix of every resource's name."
  value       = var.name
}

output "service_urls" {
  description = "URL per Cloud Run service, known before it exists."
  value       = local.service_urls
}

output "audiences" {
  description = "The OIDC audience per internal service."
  value       = local.audiences
}

output "service_accounts" {
  description = "Service account e-mail per deployable and per calling Google service, and the build account."
  value       = module.identities.emails
}

output "image_repository" {
  description = "Where npm run release pushes each release's image."
  value       = module.foundation.image_repository
}

output "build_bucket" {
  description = "Where npm run release stages the source for Cloud Build."
  value       = module.foundation.build_bucket
}

output "kms_key" {
  description = "The election-secrets CryptoKey."
  value       = module.foundation.kms_key
}

output "sql_connection_name" {
  description = "PROJECT:REGION:INSTANCE, mounted at /cloudsql."
  value       = module.database.connection_name
}

output "sql_instance_name" {
  description = "The Cloud SQL instance's name."
  value       = module.database.instance_name
}

output "db_url_secrets" {
  description = "Secret id of the URL per login (both slots of each application role)."
  value       = module.database.url_secrets
}

output "db_password_secrets" {
  description = "Secret id of the password per application login (both slots)."
  value       = module.database.password_secrets
}

output "password_versions" {
  description = "The password versions per slot; the app root runs the migration job again when one changes."
  value       = module.database.password_versions
}

output "hand_secrets" {
  description = "The secrets a person fills (operator-key, s2s-keys): add a version to each before the first app apply."
  value       = module.secrets.ids
}

output "tasks_queue" {
  description = "The ballot queue's full name."
  value       = module.ballot_queue.name
}

output "topics" {
  description = "Topic name => id."
  value       = module.messaging.topics
}

output "dead_letter_topics" {
  description = "Topic name => its dead-letter topic's id."
  value       = module.messaging.dead_letter_topics
}

output "max_connections" {
  description = "The database's max_connections (the app root's connection budget is checked against it)."
  value       = var.database.max_connections
}
