output "ids" {
  description = "Secret id per hand-made secret (operator-key, s2s-keys)."
  value       = { for k, s in google_secret_manager_secret.made_by_hand : k => s.secret_id }
}
