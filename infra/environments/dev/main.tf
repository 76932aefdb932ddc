# Development: the same system, smaller and cheaper (one zone, fewer instances). Sizing is deliberate;
# infra/README.md, "Sizing", says why each number is what it is, and
# test/infra checks the connection budget from this file.

locals {
  name = "ekklesia-dev"
  database = {
    tier            = "db-g1-small"
    max_connections = 50
  }
  # cpu, memory, requests at once per instance, instances, database pool per instance, request timeout.
  sizing = {
    events       = { cpu = "1", memory = "512Mi", concurrency = 80, min_instances = 0, max_instances = 2, db_pool = 5, timeout_s = 60 }
    elections    = { cpu = "1", memory = "512Mi", concurrency = 80, min_instances = 0, max_instances = 3, db_pool = 4, timeout_s = 60 }
    ballot-tasks = { cpu = "1", memory = "512Mi", concurrency = 8, min_instances = 0, max_instances = 1, db_pool = 2, timeout_s = 30 }
    audit        = { cpu = "1", memory = "512Mi", concurrency = 20, min_instances = 0, max_instances = 1, db_pool = 2, timeout_s = 30 }
    metering     = { cpu = "1", memory = "512Mi", concurrency = 20, min_instances = 0, max_instances = 1, db_pool = 2, timeout_s = 30 }
    lifecycle    = { cpu = "1", memory = "512Mi", concurrency = 4, min_instances = 0, max_instances = 1, db_pool = 2, timeout_s = 120 }
    relay        = { cpu = "1", memory = "512Mi", concurrency = 1, min_instances = 0, max_instances = 1, db_pool = 2, timeout_s = 60 }
  }
  lifecycle_policy = {
    warm_min_instances = 1
    base_min_instances = 0
    warm_tier          = "db-g1-small"
    base_tier          = "db-g1-small"
    tier_threshold     = 300
  }
  ballot_queue = {
    max_dispatches_per_second = 300
    max_concurrent_dispatches = 8
  }
}

module "foundation" {
  source     = "../../modules/foundation"
  project_id = var.project_id
  region     = var.region
  name       = local.name
}

module "identities" {
  source     = "../../modules/identities"
  project_id = var.project_id
  name       = local.name
  kms_key    = module.foundation.kms_key
}

module "database" {
  source            = "../../modules/database"
  project_id        = var.project_id
  region            = var.region
  name              = local.name
  tier              = local.database.tier
  max_connections   = local.database.max_connections
  availability_type = "ZONAL"
  depends_on        = [module.foundation]
}

module "secrets" {
  source     = "../../modules/secrets"
  project_id = var.project_id
  name       = local.name
  depends_on = [module.foundation]
}

module "ballot_queue" {
  source                    = "../../modules/ballot_queue"
  project_id                = var.project_id
  region                    = var.region
  service_accounts          = module.identities.emails
  max_dispatches_per_second = local.ballot_queue.max_dispatches_per_second
  max_concurrent_dispatches = local.ballot_queue.max_concurrent_dispatches
  depends_on                = [module.foundation]
}

module "services" {
  source              = "../../modules/services"
  project_id          = var.project_id
  region              = var.region
  name                = local.name
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
  sizing              = local.sizing
  lifecycle_policy    = local.lifecycle_policy
}

module "messaging" {
  source           = "../../modules/messaging"
  project_id       = var.project_id
  name             = local.name
  service_urls     = module.services.urls
  audiences        = module.services.audiences
  service_accounts = module.identities.emails
}

module "monitoring" {
  source                = "../../modules/monitoring"
  project_id            = var.project_id
  name                  = local.name
  elections_service     = module.services.service_names["elections"]
  database_id           = "${var.project_id}:${module.database.instance_name}"
  max_connections       = local.database.max_connections
  notification_channels = var.notification_channels
}
