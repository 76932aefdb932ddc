# The migration step of a deploy (deploy/migrateJob.ts), on the release's image: run by this root's apply,
# after the job takes the new image and before any service does (terraform_data.migration below), and
# again when a slot's database passwords change, so the database knows them before a service uses them.
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
        image   = var.image
        command = ["node", "deploy/migrate.js"]
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
  depends_on = [google_secret_manager_secret_iam_member.migrate_reader]
}

# The job reads the owner's URL and every login's password.
resource "google_secret_manager_secret_iam_member" "migrate_reader" {
  for_each  = merge({ ekklesia_owner = var.db_url_secrets["ekklesia_owner"] }, var.db_password_secrets)
  project   = var.project_id
  secret_id = each.value
  role      = "roles/secretmanager.secretAccessor"
  member    = "serviceAccount:${var.service_accounts["migrate"]}"
}

# Terraform has no resource that runs a job, so the apply runs it with gcloud (on the PATH of whoever applies,
# authenticated: infra/README.md) and waits; `--wait` fails when the job fails, which fails the apply before any
# service changes. It runs again when the image or a password version changes.
resource "terraform_data" "migration" {
  triggers_replace = [var.image, var.password_versions]
  provisioner "local-exec" {
    command = "gcloud run jobs execute ${google_cloud_run_v2_job.migrate.name} --project ${var.project_id} --region ${var.region} --wait"
  }
  depends_on = [google_secret_manager_secret_iam_member.migrate_reader]
}
