# The Cloud Tasks queue of the ballot fallback (README, "Overload: the queue
# fallback"): its name is the one the local stack uses (shared/ballot_box/
# ballotQueue.ts, ballotQueueId), its rate is what the database takes beside
# the fast path, and a task is never given up (a 202 is a promise).

resource "google_cloud_tasks_queue" "ballots" {
  project  = var.project_id
  name     = "ballots"
  location = var.region

  rate_limits {
    max_dispatches_per_second = var.max_dispatches_per_second
    max_concurrent_dispatches = var.max_concurrent_dispatches
  }

  retry_config {
    max_attempts  = -1
    min_backoff   = "0.1s"
    max_backoff   = "10s"
    max_doublings = 5
  }

  # No task logging: the handler logs each outcome itself, without token material.
}

# The elections function enqueues, reads and lists its tasks (receipts, the close's drain); nothing else.
resource "google_cloud_tasks_queue_iam_member" "elections" {
  for_each = toset(["roles/cloudtasks.enqueuer", "roles/cloudtasks.viewer"])
  project  = var.project_id
  location = var.region
  name     = google_cloud_tasks_queue.ballots.name
  role     = each.value
  member   = "serviceAccount:${var.service_accounts["elections"]}"
}
