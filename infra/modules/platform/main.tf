# The platform of one environment, wired: what outlives a release (APIs,
# identities, the database, secrets, the KMS key, topics, the ballot queue,
# log exclusions, dashboards and alerts). Applied from
# environments/ENV/platform, rarely; each release is applied from
# environments/ENV/app, which reads this root's outputs.

data "google_project" "this" {
  project_id = var.project_id
}

locals {
  # Every Cloud Run service the app root deploys (modules/services, local.targets).
  services = ["events", "elections", "ballot-tasks", "audit", "metering", "lifecycle", "relay"]
  # A Cloud Run service's URL is https://NAME-PROJECT_NUMBER.REGION.run.app: known before the service exists, so
  # alerts, subscriptions and other services can name it without a dependency cycle.
  service_urls = { for k in local.services : k => "https://${var.name}-${k}-${data.google_project.this.number}.${var.region}.run.app" }
  # The audience each caller puts in its OIDC token (the service accepts it as a custom audience).
  audiences     = { for k in local.services : k => "${var.name}-${k}" }
  instance_name = coalesce(var.database.instance_name, var.name)
}

module "foundation" {
  source     = "../foundation"
  project_id = var.project_id
  region     = var.region
  name       = var.name
}

module "identities" {
  source              = "../identities"
  project_id          = var.project_id
  region              = var.region
  name                = var.name
  kms_key             = module.foundation.kms_key
  sql_instance        = local.instance_name
  build_bucket        = module.foundation.build_bucket
  image_repository_id = module.foundation.image_repository_id
  # Creating a service account before iam.googleapis.com is enabled fails on a new project.
  depends_on = [module.foundation]
}

module "database" {
  source            = "../database"
  project_id        = var.project_id
  region            = var.region
  name              = var.name
  instance_name     = local.instance_name
  tier              = var.database.tier
  max_connections   = var.database.max_connections
  availability_type = var.database.availability_type
  password_versions = var.database.password_versions
  depends_on        = [module.foundation]
}

module "secrets" {
  source     = "../secrets"
  project_id = var.project_id
  name       = var.name
  depends_on = [module.foundation]
}

module "messaging" {
  source           = "../messaging"
  project_id       = var.project_id
  service_accounts = module.identities.emails
  depends_on       = [module.foundation]
}

module "ballot_queue" {
  source                    = "../ballot_queue"
  project_id                = var.project_id
  region                    = var.region
  service_accounts          = module.identities.emails
  max_dispatches_per_second = var.ballot_queue.max_dispatches_per_second
  max_concurrent_dispatches = var.ballot_queue.max_concurrent_dispatches
  depends_on                = [module.foundation]
}

module "log_privacy" {
  source               = "../log_privacy"
  project_id           = var.project_id
  name                 = var.name
  events_service       = "${var.name}-events"
  elections_service    = "${var.name}-elections"
  ballot_tasks_service = "${var.name}-ballot-tasks"
  depends_on           = [module.foundation]
}

module "monitoring" {
  source                = "../monitoring"
  project_id            = var.project_id
  name                  = var.name
  elections_service     = "${var.name}-elections"
  database_id           = "${var.project_id}:${module.database.instance_name}"
  max_connections       = var.database.max_connections
  notification_channels = var.notification_channels
  # What fails out of sight: dead letters, push backlogs, scheduled and migration jobs, /healthz, key destroys.
  # The push subscriptions and the job are the app root's; their names are fixed (modules/delivery, services).
  dead_letter_subscriptions = module.messaging.dead_letter_holds
  push_subscriptions        = [for t in keys(module.messaging.topics) : "${t}-worker"]
  migrate_job               = "${var.name}-migrate"
  uptime_urls               = { for k in ["events", "elections"] : k => local.service_urls[k] }
  events_service_account    = module.identities.emails["events"]
  depends_on                = [module.foundation]
}
