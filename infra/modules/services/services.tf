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
      image = var.image
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
        for_each = local.env[each.key]
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

  lifecycle {
    # The lifecycle worker sets the elections service's minimum instances before and after meetings
    # (docs/adr/001-capacity-by-lifecycle-worker.md); Terraform sets it at creation and leaves it alone afterwards.
    ignore_changes = [scaling[0].min_instance_count]
  }

  # A service takes a new image only after that image's migrations ran (migrate_job.tf), and reads only secrets it
  # has been granted.
  depends_on = [google_secret_manager_secret_iam_member.reader, terraform_data.migration]
}

