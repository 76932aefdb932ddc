# Pub/Sub and Cloud Scheduler, the app's part: each topic's push subscription
# to its worker (OIDC-authenticated, checked by the worker and by Cloud Run),
# dead-lettering to the platform's dead-letter topic after ten refusals, and
# Cloud Scheduler's two jobs. They name the services' URLs and audiences, so
# they live beside the services (modules/app).

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
  pubsub_agent = "serviceAccount:service-${data.google_project.this.number}@gcp-sa-pubsub.iam.gserviceaccount.com"
}

resource "google_pubsub_subscription" "worker" {
  for_each             = local.topics
  project              = var.project_id
  name                 = "${each.key}-worker"
  topic                = var.topics[each.key]
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
    dead_letter_topic     = var.dead_letter_topics[each.key]
    max_delivery_attempts = 10
  }

  expiration_policy {
    ttl = ""
  }
}

# Dead-lettering: Pub/Sub's own agent acknowledges on the source (it publishes to the dead-letter topic by the
# platform's grant).
resource "google_pubsub_subscription_iam_member" "dead_letter_subscriber" {
  for_each     = local.topics
  project      = var.project_id
  subscription = google_pubsub_subscription.worker[each.key].name
  role         = "roles/pubsub.subscriber"
  member       = local.pubsub_agent
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
    topic_name = var.topics["lifecycle"]
    data       = base64encode("{}")
    attributes = { kind = "tick" }
  }
}
