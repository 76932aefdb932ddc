output "topics" {
  description = "Topic name => its id (projects/P/topics/T)."
  value       = { for k, t in google_pubsub_topic.topic : k => t.id }
}

output "dead_letter_topics" {
  description = "Topic name => its dead-letter topic's id."
  value       = { for k, t in google_pubsub_topic.dead_letter : k => t.id }
}

output "dead_letter_holds" {
  description = "The dead-letter hold subscriptions, one per topic (watched by an alert)."
  value       = [for s in google_pubsub_subscription.dead_letter_hold : s.name]
}
