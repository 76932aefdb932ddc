# One service account per deployable, and three for the Google services that
# call them (Pub/Sub push, Cloud Scheduler, Cloud Tasks). Project-level roles
# are only what a deployable cannot be granted on one resource; everything
# else is granted on the resource in the module that makes it (topics,
# secrets, services, the queue, the SQL instance).

locals {
  accounts = {
    events       = "The events function: registry API, tokens, publishes events."
    elections    = "The elections function: ballots; enqueues to Cloud Tasks under overload."
    ballot-tasks = "The ballot task handler: applies queued ballots."
    audit        = "The audit worker."
    metering     = "The metering worker."
    lifecycle    = "The lifecycle worker: opens, closes, pre-warms the elections service and the SQL tier."
    relay        = "The outbox relay sweep."
    migrate      = "The migration job, once per deploy."
    push         = "Pub/Sub push subscriptions sign their OIDC tokens as this account."
    scheduler    = "Cloud Scheduler calls the relay sweep as this account."
    tasks        = "Cloud Tasks signs the ballot dispatches' OIDC tokens as this account."
    build        = "Cloud Build builds and pushes each release's image as this account (npm run release)."
  }
  # Every deployable logs and writes metrics; the ones that talk to Cloud SQL need the client role.
  deployables = ["events", "elections", "ballot-tasks", "audit", "metering", "lifecycle", "relay", "migrate"]
  log_writers = concat(local.deployables, ["build"])
  sql_clients = ["events", "elections", "ballot-tasks", "audit", "metering", "lifecycle", "relay", "migrate"]
  key_users   = ["events", "lifecycle"]
  # Cloud SQL has no instance-level IAM: its project-level grants hold for the deployment's own instance only
  # (the database module's instance_name).
  sql_instance  = "projects/${var.project_id}/instances/${var.sql_instance}"
  sql_condition = "resource.type == \"sqladmin.googleapis.com/Instance\" && resource.name == \"${local.sql_instance}\""
}

resource "google_service_account" "sa" {
  for_each     = local.accounts
  project      = var.project_id
  account_id   = "${var.name}-${each.key}"
  display_name = "${var.name} ${each.key}"
  description  = each.value
}

resource "google_project_iam_member" "logging" {
  for_each = toset(local.log_writers)
  project  = var.project_id
  role     = "roles/logging.logWriter"
  member   = "serviceAccount:${google_service_account.sa[each.value].email}"
}

resource "google_project_iam_member" "metrics" {
  for_each = toset(local.deployables)
  project  = var.project_id
  role     = "roles/monitoring.metricWriter"
  member   = "serviceAccount:${google_service_account.sa[each.value].email}"
}

# Spans to Cloud Trace (TRACE_EXPORTER=cloud): write only, no reading of traces.
resource "google_project_iam_member" "traces" {
  for_each = toset(local.deployables)
  project  = var.project_id
  role     = "roles/cloudtrace.agent"
  member   = "serviceAccount:${google_service_account.sa[each.value].email}"
}

resource "google_project_iam_member" "sql_client" {
  for_each = toset(local.sql_clients)
  project  = var.project_id
  role     = "roles/cloudsql.client"
  member   = "serviceAccount:${google_service_account.sa[each.value].email}"
  condition {
    title       = "${var.name} instance only"
    description = "Connect to the deployment's own Cloud SQL instance, no other."
    expression  = local.sql_condition
  }
}

# Each election's secret: a new key version at creation, encrypt, decrypt, and
# destroy at the seal. Nothing else about the key (no IAM, no key creation).
resource "google_project_iam_custom_role" "election_keys" {
  project     = var.project_id
  role_id     = replace("${var.name}_election_keys", "-", "_")
  title       = "Ekklesia election keys"
  description = "Create, use and destroy versions of the election-secrets key."
  permissions = [
    "cloudkms.cryptoKeyVersions.create",
    "cloudkms.cryptoKeyVersions.destroy",
    "cloudkms.cryptoKeyVersions.useToDecrypt",
    "cloudkms.cryptoKeyVersions.useToEncrypt",
  ]
}

resource "google_kms_crypto_key_iam_member" "election_keys" {
  for_each      = toset(local.key_users)
  crypto_key_id = var.kms_key
  role          = google_project_iam_custom_role.election_keys.id
  member        = "serviceAccount:${google_service_account.sa[each.value].email}"
}

# The lifecycle worker resizes the SQL instance's tier on meeting days
# (docs/adr/001-capacity-by-lifecycle-worker.md). Cloud SQL has no instance-level IAM, so this is a project-level
# custom role with exactly the two permissions a tier patch needs, conditioned on the one instance. The
# permission still lets that worker change more than the tier of that instance (authorised networks, flags):
# accepted, infra/README.md "Least privilege".
resource "google_project_iam_custom_role" "sql_tier" {
  project     = var.project_id
  role_id     = replace("${var.name}_sql_tier", "-", "_")
  title       = "Ekklesia SQL tier"
  description = "Read and patch Cloud SQL instances (the lifecycle worker's tier change)."
  permissions = ["cloudsql.instances.get", "cloudsql.instances.update"]
}

resource "google_project_iam_member" "lifecycle_sql_tier" {
  project = var.project_id
  role    = google_project_iam_custom_role.sql_tier.id
  member  = "serviceAccount:${google_service_account.sa["lifecycle"].email}"
  # cloudsql.instances.update could change anything on an instance (networks, flags, backups): this one only.
  condition {
    title       = "${var.name} instance only"
    description = "Patch the tier of the deployment's own Cloud SQL instance, no other."
    expression  = local.sql_condition
  }
}

# The build account: read the staged source, push to the one repository, write its build log. Nothing else
# (a new project's default Cloud Build account is either too broad or, since 2024, the Compute default account).
resource "google_storage_bucket_iam_member" "build_reads_source" {
  bucket = var.build_bucket
  role   = "roles/storage.objectViewer"
  member = "serviceAccount:${google_service_account.sa["build"].email}"
}

resource "google_artifact_registry_repository_iam_member" "build_pushes" {
  project    = var.project_id
  location   = var.region
  repository = var.image_repository_id
  role       = "roles/artifactregistry.writer"
  member     = "serviceAccount:${google_service_account.sa["build"].email}"
}
