# Production's release: the services on one image, the migration job, the push
# subscriptions and scheduler jobs (modules/app). Applied by
# `npm run release -- --env prod` with the image's digest; what it stands on
# is read from the platform root's state.

locals {
  sizing = {
    events       = { cpu = "1", memory = "512Mi", concurrency = 80, min_instances = 0, max_instances = 4, db_pool = 5, timeout_s = 60 }
    elections    = { cpu = "2", memory = "1Gi", concurrency = 80, min_instances = 0, max_instances = 8, db_pool = 4, timeout_s = 60 }
    ballot-tasks = { cpu = "1", memory = "512Mi", concurrency = 8, min_instances = 0, max_instances = 2, db_pool = 2, timeout_s = 30 }
    audit        = { cpu = "1", memory = "512Mi", concurrency = 20, min_instances = 0, max_instances = 2, db_pool = 2, timeout_s = 30 }
    metering     = { cpu = "1", memory = "512Mi", concurrency = 20, min_instances = 0, max_instances = 1, db_pool = 2, timeout_s = 30 }
    lifecycle    = { cpu = "1", memory = "512Mi", concurrency = 4, min_instances = 0, max_instances = 1, db_pool = 2, timeout_s = 120 }
    relay        = { cpu = "1", memory = "512Mi", concurrency = 1, min_instances = 0, max_instances = 1, db_pool = 2, timeout_s = 60 }
  }

  # At rest nothing runs and the database is a shared core in one zone (docs/COSTS.md: inside the seed's
  # $7–13 a month); 30 minutes before a planned meeting of more than 50 the lifecycle worker warms 4 elections
  # instances and gives the database 2 dedicated cores and a standby in another zone, and takes both back after.
  # The events function needs no minimum: the members' live pages keep it warm before a vote opens.
  lifecycle_policy = {
    warm_min_instances = 4
    base_min_instances = 0
    warm_tier          = "db-custom-2-7680"
    base_tier          = "db-f1-micro"
    warm_availability  = "REGIONAL"
    base_availability  = "ZONAL"
    tier_threshold     = 50
  }
}

data "terraform_remote_state" "platform" {
  backend = "gcs"
  config = {
    bucket = var.state_bucket
    prefix = "ekklesia/prod/platform"
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
