# The whole system, wired: every part's module and what each takes from the
# others. An environment (environments/{dev,prod}) calls this once with its
# project and its sizing.

module "foundation" {
  source     = "../foundation"
  project_id = var.project_id
  region     = var.region
  name       = var.name
}

module "identities" {
  source     = "../identities"
  project_id = var.project_id
  name       = var.name
  kms_key    = module.foundation.kms_key
}

module "database" {
  source            = "../database"
  project_id        = var.project_id
  region            = var.region
  name              = var.name
  tier              = var.database.tier
  max_connections   = var.database.max_connections
  availability_type = var.database.availability_type
  password_version  = var.database.password_version
  depends_on        = [module.foundation]
}

module "secrets" {
  source     = "../secrets"
  project_id = var.project_id
  name       = var.name
  depends_on = [module.foundation]
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

module "services" {
  source              = "../services"
  project_id          = var.project_id
  region              = var.region
  name                = var.name
  release             = var.release
  source_bucket       = module.foundation.source_bucket
  image_repository    = module.foundation.image_repository
  service_accounts    = module.identities.emails
  sql_connection_name = module.database.connection_name
  sql_instance_name   = module.database.instance_name
  db_url_secrets      = module.database.url_secrets
  db_password_secrets = module.database.password_secrets
  hand_secrets        = module.secrets.ids
  kms_key             = module.foundation.kms_key
  tasks_queue         = module.ballot_queue.name
  ballot_mode         = var.ballot_mode
  jwt_issuer          = var.jwt_issuer
  jwt_audience        = var.jwt_audience
  jwks_url            = var.jwks_url
  sizing              = var.sizing
  lifecycle_policy    = var.lifecycle_policy
}

module "messaging" {
  source           = "../messaging"
  project_id       = var.project_id
  name             = var.name
  service_urls     = module.services.urls
  audiences        = module.services.audiences
  service_accounts = module.identities.emails
}

module "log_privacy" {
  source               = "../log_privacy"
  project_id           = var.project_id
  name                 = var.name
  events_service       = module.services.service_names["events"]
  elections_service    = module.services.service_names["elections"]
  ballot_tasks_service = module.services.service_names["ballot-tasks"]
}

module "monitoring" {
  source                = "../monitoring"
  project_id            = var.project_id
  name                  = var.name
  elections_service     = module.services.service_names["elections"]
  database_id           = "${var.project_id}:${module.database.instance_name}"
  max_connections       = var.database.max_connections
  notification_channels = var.notification_channels
  # What fails out of sight: dead letters, push backlogs, scheduled and migration jobs, /healthz, key destroys.
  dead_letter_subscriptions = module.messaging.dead_letter_holds
  push_subscriptions        = values(module.messaging.subscriptions)
  migrate_job               = module.services.migrate_job
  uptime_urls               = { for k in ["events", "elections"] : k => module.services.urls[k] }
  events_service_account    = module.identities.emails["events"]
}
