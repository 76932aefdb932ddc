output "events_url" {
  description = "The events function's URL (members, admins, the web app at /app/)."
  value       = data.terraform_remote_state.platform.outputs.platform.service_urls["events"]
}

output "elections_url" {
  description = "The elections function's URL (ballots, receipts, trackers)."
  value       = data.terraform_remote_state.platform.outputs.platform.service_urls["elections"]
}

output "image" {
  description = "The image this release runs."
  value       = module.app.image
}

output "migrate_job" {
  description = "The migration job's name."
  value       = module.app.migrate_job
}
