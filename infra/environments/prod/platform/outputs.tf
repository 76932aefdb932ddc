output "platform" {
  description = "Every output of modules/platform (names and ids, never a secret): the app root reads them from this state, npm run release too."
  value       = module.platform
}

output "events_url" {
  description = "The events function's URL: register EVENTS_URL/app/callback as the OIDC client's redirect URI."
  value       = module.platform.service_urls["events"]
}

output "hand_secrets" {
  description = "Add a version to each before the first release (infra/README.md, step 3)."
  value       = module.platform.hand_secrets
}
