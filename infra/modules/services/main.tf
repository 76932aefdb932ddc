# Every deployable as a Cloud Run service running the release's one image
# (npm run release: deploy/Dockerfile, functions-framework) with its own
# FUNCTION_TARGET, plus the migration job on the same image, run before any
# service takes a new image. Why google_cloud_run_v2_service rather than
# google_cloudfunctions2_function: infra/README.md, "Why Cloud Run services".
# The files, by purpose: this one (the services' names and callers), env.tf
# (each service's settings), services.tf (the services), iam.tf (who may call
# and change them) and migrate_job.tf.

locals {
  # deploy/targets.ts: service key => functions-framework target.
  targets = {
    events       = "events"
    elections    = "elections"
    ballot-tasks = "ballotTasks"
    audit        = "audit"
    metering     = "metering"
    lifecycle    = "lifecycle"
    relay        = "relay"
  }
  # Reached from the Internet (their own authentication: member JWTs, voting tokens, S2S signatures);
  # the others only by Pub/Sub, Cloud Scheduler and Cloud Tasks with an OIDC token Cloud Run checks too.
  public = ["events", "elections"]
  # The platform knows every service's URL (https://NAME-PROJECT_NUMBER.REGION.run.app, deterministic) and the
  # audience its callers sign for, so a service can name another without a dependency cycle.
  url      = var.service_urls
  audience = var.audiences
  # Who calls each internal service, with an OIDC token the service checks (and Cloud Run, by IAM).
  invokers = {
    audit        = var.service_accounts["push"]
    metering     = var.service_accounts["push"]
    lifecycle    = var.service_accounts["push"]
    relay        = var.service_accounts["scheduler"]
    ballot-tasks = var.service_accounts["tasks"]
  }
  # Each application role's login in the slot the services use (the other slot is rotated meanwhile).
  login = { for r in ["ekklesia_registry", "ekklesia_ballot_box", "ekklesia_worker", "ekklesia_relay"] : r => var.database_slot == "a" ? r : "${r}_b" }
}
