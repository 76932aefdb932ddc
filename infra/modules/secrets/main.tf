# The secrets a person makes, never Terraform: the operator key and the S2S
# keys. Terraform creates the empty secrets; their values are added with
# gcloud (infra/README.md, step 3), so they are never in Terraform's state.
# The database URLs and passwords are generated (modules/database).

locals {
  secrets = {
    operator-key = "OPERATOR_KEY of the events function: at least 32 characters."
    s2s-keys     = "S2S_KEYS of the events and elections functions and the lifecycle worker: id:secret[,id2:secret]."
  }
}

resource "google_secret_manager_secret" "made_by_hand" {
  for_each  = local.secrets
  project   = var.project_id
  secret_id = "${var.name}-${each.key}"
  labels    = { ekklesia = "by-hand" }
  annotations = {
    purpose = each.value
  }
  replication {
    auto {}
  }
}
