# One release of one environment, wired: the seven services and the
# migration job on the release's image, the push subscriptions and scheduler
# jobs that call them, and who may call and change them. Applied from
# environments/ENV/app by npm run release with the image's digest; everything
# it stands on comes from the platform root's outputs.

module "services" {
  source              = "../services"
  project_id          = var.platform.project_id
  region              = var.platform.region
  name                = var.platform.name
  image               = var.image
  service_urls        = var.platform.service_urls
  audiences           = var.platform.audiences
  database_slot       = var.database_slot
  password_versions   = var.platform.password_versions
  service_accounts    = var.platform.service_accounts
  sql_connection_name = var.platform.sql_connection_name
  sql_instance_name   = var.platform.sql_instance_name
  db_url_secrets      = var.platform.db_url_secrets
  db_password_secrets = var.platform.db_password_secrets
  hand_secrets        = var.platform.hand_secrets
  kms_key             = var.platform.kms_key
  tasks_queue         = var.platform.tasks_queue
  ballot_mode         = var.ballot_mode
  jwt_issuer          = var.jwt_issuer
  jwt_audience        = var.jwt_audience
  jwks_url            = var.jwks_url
  sizing              = var.sizing
  lifecycle_policy    = var.lifecycle_policy
}

module "delivery" {
  source             = "../delivery"
  project_id         = var.platform.project_id
  name               = var.platform.name
  topics             = var.platform.topics
  dead_letter_topics = var.platform.dead_letter_topics
  service_urls       = var.platform.service_urls
  audiences          = var.platform.audiences
  service_accounts   = var.platform.service_accounts
  # A push to a worker that does not exist yet would be retried, then dead-lettered.
  depends_on = [module.services]
}
