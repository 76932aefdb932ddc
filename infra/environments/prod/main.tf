# Production: every part of the system in one project. Sizing is deliberate;
# infra/README.md, "Sizing", says why each number is what it is, and
# test/infra checks the connection budget from this file.

locals {
  name = "ekklesia-prod"
  database = {
    tier              = "db-custom-1-3840"
    availability_type = "REGIONAL"
    max_connections   = 140
  }
  # cpu, memory, requests at once per instance, instances, database pool per instance, request timeout.
  sizing = {
    events       = { cpu = "1", memory = "512Mi", concurrency = 80, min_instances = 1, max_instances = 4, db_pool = 5, timeout_s = 60 }
    elections    = { cpu = "2", memory = "1Gi", concurrency = 80, min_instances = 1, max_instances = 8, db_pool = 4, timeout_s = 60 }
    ballot-tasks = { cpu = "1", memory = "512Mi", concurrency = 8, min_instances = 0, max_instances = 2, db_pool = 2, timeout_s = 30 }
    audit        = { cpu = "1", memory = "512Mi", concurrency = 20, min_instances = 0, max_instances = 2, db_pool = 2, timeout_s = 30 }
    metering     = { cpu = "1", memory = "512Mi", concurrency = 20, min_instances = 0, max_instances = 1, db_pool = 2, timeout_s = 30 }
    lifecycle    = { cpu = "1", memory = "512Mi", concurrency = 4, min_instances = 0, max_instances = 1, db_pool = 2, timeout_s = 120 }
    relay        = { cpu = "1", memory = "512Mi", concurrency = 1, min_instances = 0, max_instances = 1, db_pool = 2, timeout_s = 60 }
  }
  lifecycle_policy = {
    warm_min_instances = 4
    base_min_instances = 1
    warm_tier          = "db-custom-2-7680"
    base_tier          = "db-custom-1-3840"
    tier_threshold     = 300
  }
  ballot_queue = {
    max_dispatches_per_second = 300
    max_concurrent_dispatches = 16
  }
}

module "ekklesia" {
  source                = "../../modules/system"
  project_id            = var.project_id
  region                = var.region
  name                  = local.name
  release               = var.release
  jwt_issuer            = var.jwt_issuer
  jwt_audience          = var.jwt_audience
  jwks_url              = var.jwks_url
  notification_channels = var.notification_channels
  ballot_mode           = var.ballot_mode
  database              = local.database
  sizing                = local.sizing
  lifecycle_policy      = local.lifecycle_policy
  ballot_queue          = local.ballot_queue
}
