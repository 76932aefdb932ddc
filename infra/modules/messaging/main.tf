# Pub/Sub, the platform's part: the three topics the code publishes to
# (schemas/domainEvents.ts), who may publish to them, and each topic's
# dead-letter topic with a subscription that holds what a worker refused ten
# times. The push subscriptions to the workers and Cloud Scheduler's jobs
# name the services, so they are the app's (modules/delivery).

data "google_project" "this" {
  project_id = var.project_id
}

locals {
  topics = ["audit", "metering", "lifecycle"]
  publishers = {
    events    = ["audit", "metering", "lifecycle"]
    relay     = ["audit", "metering", "lifecycle"]
    elections = ["metering"]
  }
  publish_grants = flatten([for sa, topics in local.publishers : [for t in topics : { sa = sa, topic = t }]])
  pubsub_agent   = "serviceAccount:service-${data.google_project.this.number}@gcp-sa-pubsub.iam.gserviceaccount.com"
}

resource "google_pubsub_topic" "topic" {
  for_each                   = toset(local.topics)
  project                    = var.project_id
  name                       = each.key
  message_retention_duration = "86400s"
}

resource "google_pubsub_topic" "dead_letter" {
  for_each = toset(local.topics)
  project  = var.project_id
  name     = "${each.key}-dead-letter"
}

# What was dead-lettered stays readable for a week (docs/OPERATIONS.md, "Dead letters").
resource "google_pubsub_subscription" "dead_letter_hold" {
  for_each                   = toset(local.topics)
  project                    = var.project_id
  name                       = "${each.key}-dead-letter-hold"
  topic                      = google_pubsub_topic.dead_letter[each.key].id
  message_retention_duration = "604800s"
  ack_deadline_seconds       = 60
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
  for_each = toset(local.topics)
  project  = var.project_id
  topic    = google_pubsub_topic.dead_letter[each.key].name
  role     = "roles/pubsub.publisher"
  member   = local.pubsub_agent
}

# Pub/Sub mints the push account's OIDC tokens.
resource "google_service_account_iam_member" "push_tokens" {
  service_account_id = "projects/${var.project_id}/serviceAccounts/${var.service_accounts["push"]}"
  role               = "roles/iam.serviceAccountTokenCreator"
  member             = local.pubsub_agent
}

