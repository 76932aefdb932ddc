# Development's release: the services on one image, the migration job, the push
# subscriptions and scheduler jobs (modules/app). Applied by
# `npm run release -- --env dev` with the image's digest; what it stands on
# is read from the platform root's state.

locals {
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
    base_tier          = "db-f1-micro"
    warm_availability  = "ZONAL"
    base_availability  = "ZONAL"
    tier_threshold     = 300
  }
}

data "terraform_remote_state" "platform" {
  backend = "gcs"
  config = {
    bucket = var.state_bucket
    prefix = "ekklesia/dev/platform"
  }
}

module "app" {
  source           = "../../../modules/app"
  platform         = data.terraform_remote_state.platform.outputs.platform
  image            = var.image
  database_slot    = var.database_slot
  jwt_issuer       = var.jwt_issuer
  jwt_audience     = var.jwt_audience
  jwks_url         = var.jwks_url
  ballot_mode      = var.ballot_mode
  sizing           = local.sizing
  lifecycle_policy = local.lifecycle_policy
}
