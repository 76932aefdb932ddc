output "emails" {
  description = "Service account e-mail per deployable and per calling Google service."
  value       = { for k, sa in google_service_account.sa : k => sa.email }
}

output "ids" {
  description = "Service account resource ids, for IAM on the accounts themselves."
  value       = { for k, sa in google_service_account.sa : k => sa.id }
}
