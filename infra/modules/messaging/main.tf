# Pub/Sub: the three topics the code publishes to (schemas/domainEvents.ts),
# each with a push subscription to its worker (OIDC-authenticated, checked by
# the worker and by Cloud Run), a dead-letter topic that keeps what a worker
# refused ten times, and Cloud Scheduler's two jobs.

data "google_project" "this" {
  project_id = var.project_id
}

locals {
  # Topic => the worker service its push subscription delivers to, and how long a delivery may take.
  topics = {
    audit    = { worker = "audit", ack_deadline_seconds = 30 }
    metering = { worker = "metering", ack_deadline_seconds = 30 }
    # A seal may take the S2S seal timeout (30 s) and the VACUUM after it.
    lifecycle = { worker = "lifecycle", ack_deadline_seconds = 120 }
  }
  publishers = {
    events    = ["audit", "metering", "lifecycle"]
    relay     = ["audit", "metering", "lifecycle"]
    elections = ["metering"]
  }
  publish_grants = flatten([for sa, topics in local.publishers : [for t in topics : { sa = sa, topic = t }]])
  pubsub_agent   = "serviceAccount:service-${data.google_project.this.number}@gcp-sa-pubsub.iam.gserviceaccount.com"
}

resource "google_pubsub_topic" "topic" {
  for_each                   = local.topics
  project                    = var.project_id
  name                       = each.key
  message_retention_duration = "86400s"
}

resource "google_pubsub_topic" "dead_letter" {
  for_each = local.topics
  project  = var.project_id
  name     = "${each.key}-dead-letter"
}

# What was dead-lettered stays readable for a week (docs/OPERATIONS.md, "Dead letters").
resource "google_pubsub_subscription" "dead_letter_hold" {
  for_each                   = local.topics
  project                    = var.project_id
  name                       = "${each.key}-dead-letter-hold"
  topic                      = google_pubsub_topic.dead_letter[each.key].id
  message_retention_duration = "604800s"
  ack_deadline_seconds       = 60
  expiration_policy {
    ttl = ""
  }
}

resource "google_pubsub_subscription" "worker" {
  for_each             = local.topics
  project              = var.project_id
  name                 = "${each.key}-worker"
  topic                = google_pubsub_topic.topic[each.key].id
  ack_deadline_seconds = each.value.ack_deadline_seconds

  push_config {
    push_endpoint = "${var.service_urls[each.value.worker]}/"
    oidc_token {
      service_account_email = var.service_accounts["push"]
      audience              = var.audiences[each.value.worker]
    }
  }

  retry_policy {
    minimum_backoff = "1s"
    maximum_backoff = "60s"
  }

  dead_letter_policy {
    dead_letter_topic     = google_pubsub_topic.dead_letter[each.key].id
    max_delivery_attempts = 10
  }

  expiration_policy {
    ttl = ""
  }
}

resource "google_pubsub_topic_iam_member" "publisher" {
  for_each = { for g in local.publish_grants : "${g.sa}/${g.topic}" => g }
  project  = var.project_id
  topic    = google_pubsub_topic.topic[each.value.topic].name
  role     = "roles/pubsub.publisher"
  member   = "serviceAccount:${var.service_accounts[each.value.sa]}"
}

# Dead-lettering: Pub/Sub's own agent must publish to the dead-letter topic and acknowledge on the source.
resource "google_pubsub_topic_iam_member" "dead_letter_publisher" {
  for_each = local.topics
  project  = var.project_id
  topic    = google_pubsub_topic.dead_letter[each.key].name
  role     = "roles/pubsub.publisher"
  member   = local.pubsub_agent
}

resource "google_pubsub_subscription_iam_member" "dead_letter_subscriber" {
  for_each     = local.topics
  project      = var.project_id
  subscription = google_pubsub_subscription.worker[each.key].name
  role         = "roles/pubsub.subscriber"
  member       = local.pubsub_agent
}

# Pub/Sub mints the push account's OIDC tokens.
resource "google_service_account_iam_member" "push_tokens" {
  service_account_id = "projects/${var.project_id}/serviceAccounts/${var.service_accounts["push"]}"
  role               = "roles/iam.serviceAccountTokenCreator"
  member             = local.pubsub_agent
}

resource "google_cloud_scheduler_job" "relay_sweep" {
  project   = var.project_id
  name      = "${var.name}-relay-sweep"
  schedule  = var.relay_sweep_schedule
  time_zone = var.time_zone
  http_target {
    uri         = "${var.service_urls["relay"]}/"
    http_method = "POST"
    oidc_token {
      service_account_email = var.service_accounts["scheduler"]
      audience              = var.audiences["relay"]
    }
  }
  retry_config {
    retry_count = 0
  }
}

# The tick the lifecycle worker acts on (local/standIns/scheduler.ts sends the same message).
resource "google_cloud_scheduler_job" "lifecycle_tick" {
  project   = var.project_id
  name      = "${var.name}-lifecycle-tick"
  schedule  = var.lifecycle_tick_schedule
  time_zone = var.time_zone
  pubsub_target {
    topic_name = google_pubsub_topic.topic["lifecycle"].id
    data       = base64encode("{}")
    attributes = { kind = "tick" }
  }
}
