resource "google_secret_manager_secret_iam_member" "reader" {
  for_each  = { for u in local.secret_users : "${u.service}/${u.secret}" => u }
  project   = var.project_id
  secret_id = each.value.secret
  role      = "roles/secretmanager.secretAccessor"
  member    = "serviceAccount:${var.service_accounts[each.value.service]}"
}

# Who may call the internal services: Pub/Sub push, Cloud Scheduler, Cloud Tasks.
resource "google_cloud_run_v2_service_iam_member" "invoker" {
  for_each = local.invokers
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

