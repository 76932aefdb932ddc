# Development's platform: what outlives a release (modules/platform). Applied rarely:
# at the start, to rotate passwords, to change the database or the queue. Sizing
# is deliberate; infra/README.md, "Sizing" and docs/COSTS.md say why, and
# test/infra checks the connection budget and the cost model from these files.

locals {
  name = "ekklesia-dev"
  database = {
    tier              = "db-f1-micro"
    availability_type = "ZONAL"
    max_connections   = 70
  }

  ballot_queue = {
    max_dispatches_per_second = 300
    max_concurrent_dispatches = 8
  }
}

module "platform" {
  source                = "../../../modules/platform"
  project_id            = var.project_id
  region                = var.region
  name                  = local.name
  notification_channels = var.notification_channels
  database              = local.database
  ballot_queue          = local.ballot_queue
}
