output "name" {
  description = "projects/P/locations/L/queues/ballots: TASKS_QUEUE."
  value       = "projects/${var.project_id}/locations/${var.region}/queues/${google_cloud_tasks_queue.ballots.name}"
}
