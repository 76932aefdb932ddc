output "subscriptions" {
  description = "Topic => its worker's push subscription."
  value       = { for k, s in google_pubsub_subscription.worker : k => s.name }
}

output "scheduler_jobs" {
  description = "The two Cloud Scheduler jobs' names."
  value       = [google_cloud_scheduler_job.relay_sweep.name, google_cloud_scheduler_job.lifecycle_tick.name]
}
