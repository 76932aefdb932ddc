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
