# Every deployable as a Cloud Run service built from source by the Node
# functions buildpack (a "Cloud Run function"), with its functions-framework
# target, plus the migration job. Why google_cloud_run_v2_service rather than
# google_cloudfunctions2_function: infra/README.md, "Why Cloud Run services".

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

  invoker_env = {
    audit        = var.service_accounts["push"]
    metering     = var.service_accounts["push"]
    lifecycle    = var.service_accounts["push"]
    relay        = var.service_accounts["scheduler"]
    ballot-tasks = var.service_accounts["tasks"]
  }

  # Every setting each deployable's config parses (shared/common/config.ts), and nothing else;
  # test/infra checks both. Values from Secret Manager are in secret_env.
  plain_env = {
    events = {
      GOOGLE_CLOUD_PROJECT = var.project_id
      LOG_LEVEL            = var.log_level
      DB_POOL_MAX          = tostring(var.sizing["events"].db_pool)
      JWT_ISSUER           = var.jwt_issuer
      JWT_AUDIENCE         = var.jwt_audience
      JWKS_URL             = var.jwks_url
      KMS_KEY              = var.kms_key
      ELECTIONS_URL        = local.url["elections"]
      PUBSUB_PROJECT       = var.project_id
      # The web app (npm run build: web/ beside the code); register ${events URL}/app/callback at the issuer.
      WEB_APP_DIR = "web"
    }
    elections = {
      GOOGLE_CLOUD_PROJECT      = var.project_id
      LOG_LEVEL                 = var.log_level
      DB_POOL_MAX               = tostring(var.sizing["elections"].db_pool)
      PUBSUB_PROJECT            = var.project_id
      BALLOT_MODE               = var.ballot_mode
      TASKS_QUEUE               = var.tasks_queue
      TASKS_HANDLER_URL         = "${local.url["ballot-tasks"]}/"
      TASKS_SERVICE_ACCOUNT     = var.service_accounts["tasks"]
      TASKS_AUDIENCE            = local.audience["ballot-tasks"]
      TASKS_ENQUEUE_CONCURRENCY = "32"
      # The web app, served by the events function, casts ballots from the browser.
      CORS_ORIGINS = local.url["events"]
    }
    ballot-tasks = {
      GOOGLE_CLOUD_PROJECT    = var.project_id
      LOG_LEVEL               = var.log_level
      DB_POOL_MAX             = tostring(var.sizing["ballot-tasks"].db_pool)
      INVOKER_AUDIENCE        = local.audience["ballot-tasks"]
      INVOKER_SERVICE_ACCOUNT = local.invoker_env["ballot-tasks"]
    }
    audit = {
      GOOGLE_CLOUD_PROJECT    = var.project_id
      LOG_LEVEL               = var.log_level
      DB_POOL_MAX             = tostring(var.sizing["audit"].db_pool)
      INVOKER_AUDIENCE        = local.audience["audit"]
      INVOKER_SERVICE_ACCOUNT = local.invoker_env["audit"]
    }
    metering = {
      GOOGLE_CLOUD_PROJECT    = var.project_id
      LOG_LEVEL               = var.log_level
      DB_POOL_MAX             = tostring(var.sizing["metering"].db_pool)
      INVOKER_AUDIENCE        = local.audience["metering"]
      INVOKER_SERVICE_ACCOUNT = local.invoker_env["metering"]
    }
    relay = {
      GOOGLE_CLOUD_PROJECT    = var.project_id
      LOG_LEVEL               = var.log_level
      DB_POOL_MAX             = tostring(var.sizing["relay"].db_pool)
      INVOKER_AUDIENCE        = local.audience["relay"]
      INVOKER_SERVICE_ACCOUNT = local.invoker_env["relay"]
      PUBSUB_PROJECT          = var.project_id
    }
    lifecycle = {
      GOOGLE_CLOUD_PROJECT         = var.project_id
      LOG_LEVEL                    = var.log_level
      DB_POOL_MAX                  = tostring(var.sizing["lifecycle"].db_pool)
      INVOKER_AUDIENCE             = local.audience["lifecycle"]
      INVOKER_SERVICE_ACCOUNT      = local.invoker_env["lifecycle"]
      ELECTIONS_URL                = local.url["elections"]
      KMS_KEY                      = var.kms_key
      LIFECYCLE_WARM_MIN_INSTANCES = tostring(var.lifecycle_policy.warm_min_instances)
      LIFECYCLE_BASE_MIN_INSTANCES = tostring(var.lifecycle_policy.base_min_instances)
      LIFECYCLE_WARM_TIER          = var.lifecycle_policy.warm_tier
      LIFECYCLE_BASE_TIER          = var.lifecycle_policy.base_tier
      LIFECYCLE_TIER_THRESHOLD     = tostring(var.lifecycle_policy.tier_threshold)
      LIFECYCLE_CAPACITY           = "google"
      GCP_PROJECT                  = var.project_id
      GCP_REGION                   = var.region
      ELECTIONS_SERVICE            = "${var.name}-elections"
      SQL_INSTANCE                 = var.sql_instance_name
    }
  }
  # Setting => secret id.
  secret_env = {
    events = {
      DATABASE_URL = var.db_url_secrets["ekklesia_registry"]
      OPERATOR_KEY = var.hand_secrets["operator-key"]
      S2S_KEYS     = var.hand_secrets["s2s-keys"]
    }
    elections = {
      DATABASE_URL = var.db_url_secrets["ekklesia_ballot_box"]
      S2S_KEYS     = var.hand_secrets["s2s-keys"]
    }
    ballot-tasks = {
      DATABASE_URL = var.db_url_secrets["ekklesia_ballot_box"]
    }
    audit = {
      DATABASE_URL = var.db_url_secrets["ekklesia_worker"]
    }
    metering = {
      DATABASE_URL = var.db_url_secrets["ekklesia_worker"]
    }
    relay = {
      DATABASE_URL = var.db_url_secrets["ekklesia_relay"]
    }
    lifecycle = {
      DATABASE_URL             = var.db_url_secrets["ekklesia_worker"]
      REGISTRY_DATABASE_URL    = var.db_url_secrets["ekklesia_registry"]
      MAINTENANCE_DATABASE_URL = var.db_url_secrets["ekklesia_owner"]
      S2S_KEYS                 = var.hand_secrets["s2s-keys"]
    }
  }
  secret_users = distinct(flatten([
    for service, settings in local.secret_env : [for _, secret in settings : { service = service, secret = secret }]
  ]))
  base_image = "${var.region}-docker.pkg.dev/serverless-runtimes/google-22-full/runtimes/nodejs22"
}

resource "google_secret_manager_secret_iam_member" "reader" {
  for_each  = { for u in local.secret_users : "${u.service}/${u.secret}" => u }
  project   = var.project_id
  secret_id = each.value.secret
  role      = "roles/secretmanager.secretAccessor"
  member    = "serviceAccount:${var.service_accounts[each.value.service]}"
}

resource "google_cloud_run_v2_service" "fn" {
  for_each            = local.targets
  project             = var.project_id
  name                = "${var.name}-${each.key}"
  location            = var.region
  ingress             = contains(local.public, each.key) ? "INGRESS_TRAFFIC_ALL" : "INGRESS_TRAFFIC_INTERNAL_ONLY"
  custom_audiences    = [local.audience[each.key]]
  deletion_protection = false
  # The public two authenticate every request themselves; the rest need the caller's IAM invoker role.
  invoker_iam_disabled = contains(local.public, each.key)

  scaling {
    min_instance_count = var.sizing[each.key].min_instances
  }

  template {
    service_account                  = var.service_accounts[each.key]
    max_instance_request_concurrency = var.sizing[each.key].concurrency
    timeout                          = "${var.sizing[each.key].timeout_s}s"

    scaling {
      max_instance_count = var.sizing[each.key].max_instances
    }

    volumes {
      name = "cloudsql"
      cloud_sql_instance {
        instances = [var.sql_connection_name]
      }
    }

    containers {
      image = "${var.image_repository}/${each.key}:${var.release}"
      resources {
        limits = {
          cpu    = var.sizing[each.key].cpu
          memory = var.sizing[each.key].memory
        }
        cpu_idle          = true
        startup_cpu_boost = true
      }
      volume_mounts {
        name       = "cloudsql"
        mount_path = "/cloudsql"
      }
      dynamic "env" {
        for_each = local.plain_env[each.key]
        content {
          name  = env.key
          value = env.value
        }
      }
      dynamic "env" {
        for_each = local.secret_env[each.key]
        content {
          name = env.key
          value_source {
            secret_key_ref {
              secret  = env.value
              version = "latest"
            }
          }
        }
      }
      startup_probe {
        http_get {
          path = "/healthz"
        }
        period_seconds    = 2
        failure_threshold = 15
      }
    }
  }

  build_config {
    source_location          = "gs://${var.source_bucket}/${var.release}.zip"
    function_target          = each.value
    image_uri                = "${var.image_repository}/${each.key}:${var.release}"
    base_image               = local.base_image
    enable_automatic_updates = true
  }

  lifecycle {
    # The lifecycle worker sets the elections service's minimum instances before and after meetings
    # (ADR-001); Terraform sets it at creation and leaves it alone afterwards.
    ignore_changes = [scaling[0].min_instance_count]
  }

  depends_on = [google_secret_manager_secret_iam_member.reader]
}

# Who may call the internal services: Pub/Sub push, Cloud Scheduler, Cloud Tasks.
resource "google_cloud_run_v2_service_iam_member" "invoker" {
  for_each = local.invoker_env
  project  = var.project_id
  location = var.region
  name     = google_cloud_run_v2_service.fn[each.key].name
  role     = "roles/run.invoker"
  member   = "serviceAccount:${each.value}"
}

# The lifecycle worker patches the elections service's minimum instances: on that service only.
resource "google_cloud_run_v2_service_iam_member" "lifecycle_scales_elections" {
  project  = var.project_id
  location = var.region
  name     = google_cloud_run_v2_service.fn["elections"].name
  role     = "roles/run.developer"
  member   = "serviceAccount:${var.service_accounts["lifecycle"]}"
}

# Cloud Run asks whoever updates a service to be allowed to act as its runtime account.
resource "google_service_account_iam_member" "lifecycle_acts_as_elections" {
  service_account_id = "projects/${var.project_id}/serviceAccounts/${var.service_accounts["elections"]}"
  role               = "roles/iam.serviceAccountUser"
  member             = "serviceAccount:${var.service_accounts["lifecycle"]}"
}

# The elections function creates tasks that Cloud Tasks signs as the tasks account: it must be allowed to act as it.
resource "google_service_account_iam_member" "elections_acts_as_tasks" {
  service_account_id = "projects/${var.project_id}/serviceAccounts/${var.service_accounts["tasks"]}"
  role               = "roles/iam.serviceAccountUser"
  member             = "serviceAccount:${var.service_accounts["elections"]}"
}

# The migration step of a deploy (deploy/migrateJob.ts): run once per release, before the services
# take the new release (infra/README.md, "Deploying a release"). The image is built from the same
# archive with Cloud Build's buildpack; the launcher puts Node on the path.
resource "google_cloud_run_v2_job" "migrate" {
  project             = var.project_id
  name                = "${var.name}-migrate"
  location            = var.region
  deletion_protection = false

  template {
    task_count  = 1
    parallelism = 1
    template {
      service_account = var.service_accounts["migrate"]
      max_retries     = 1
      timeout         = "600s"
      volumes {
        name = "cloudsql"
        cloud_sql_instance {
          instances = [var.sql_connection_name]
        }
      }
      containers {
        image   = "${var.image_repository}/migrate:${var.release}"
        command = ["/cnb/lifecycle/launcher"]
        args    = ["node", "deploy/migrate.js"]
        volume_mounts {
          name       = "cloudsql"
          mount_path = "/cloudsql"
        }
        env {
          name = "DATABASE_URL"
          value_source {
            secret_key_ref {
              secret  = var.db_url_secrets["ekklesia_owner"]
              version = "latest"
            }
          }
        }
        dynamic "env" {
          for_each = var.db_password_secrets
          content {
            name = "${upper(env.key)}_PASSWORD"
            value_source {
              secret_key_ref {
                secret  = env.value
                version = "latest"
              }
            }
          }
        }
      }
    }
  }
}

resource "google_secret_manager_secret_iam_member" "migrate_reader" {
  for_each  = merge({ ekklesia_owner = var.db_url_secrets["ekklesia_owner"] }, var.db_password_secrets)
  project   = var.project_id
  secret_id = each.value
  role      = "roles/secretmanager.secretAccessor"
  member    = "serviceAccount:${var.service_accounts["migrate"]}"
}
