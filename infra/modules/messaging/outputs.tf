output "topics" {
  value = [for t in google_pubsub_topic.topic : t.name]
}

output "subscriptions" {
  value = { for k, s in google_pubsub_subscription.worker : k => s.name }
}

output "dead_letter_holds" {
  description = "The dead-letter hold subscriptions, one per topic (watched by an alert)."
  value       = [for s in google_pubsub_subscription.dead_letter_hold : s.name]
}
