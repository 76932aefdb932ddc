output "topics" {
  value = [for t in google_pubsub_topic.topic : t.name]
}

output "subscriptions" {
  value = { for k, s in google_pubsub_subscription.worker : k => s.name }
}
