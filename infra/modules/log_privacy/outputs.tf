output "exclusions" {
  description = "The exclusions' names and filters, for review."
  value       = { for k, e in google_logging_project_exclusion.secrecy : e.name => e.filter }
}
