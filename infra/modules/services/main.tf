# Every deployable as a Cloud Run service built from source by the Node
# functions buildpack (a "Cloud Run function"), with its functions-framework
# target, plus the migration job. Why google_cloud_run_v2_service rather than
# google_cloudfunctions2_function: infra/README.md, "Why Cloud Run services".
# The files, by purpose: this one (the services' names, addresses and
# audiences), env.tf (each service's settings), services.tf (the services),
# iam.tf (who may call and change them) and migrate_job.tf.

data "google_project" "this" {
  project_id = var.project_id
}

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
  # A Cloud Run service's URL is https://NAME-PROJECT_NUMBER.REGION.run.app: known before it exists,
  # so a service can name another without a dependency cycle.
  url = { for k, _ in local.targets : k => "https://${var.name}-${k}-${data.google_project.this.number}.${var.region}.run.app" }
  # The audience each caller puts in its OIDC token (the service accepts it as a custom audience).
  audience = { for k, _ in local.targets : k => "${var.name}-${k}" }
  # Who calls each internal service, with an OIDC token the service checks (and Cloud Run, by IAM).
  invokers = {
    audit        = var.service_accounts["push"]
    metering     = var.service_accounts["push"]
    lifecycle    = var.service_accounts["push"]
    relay        = var.service_accounts["scheduler"]
    ballot-tasks = var.service_accounts["tasks"]
  }
  base_image = "${var.region}-docker.pkg.dev/serverless-runtimes/google-22-full/runtimes/nodejs22"
}
