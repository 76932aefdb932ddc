# Cloud SQL for PostgreSQL 15: the one database of both trust domains (each
# with its own schema and login roles, README "Trust domains"), the owner the
# migrations run as, and the URLs each deployable connects with, kept in
# Secret Manager. The four application login roles are created by the
# migrations (NOBYPASSRLS, no CREATEROLE), not as Cloud SQL users, which would
# make them members of cloudsqlsuperuser; the migration job sets their
# passwords (deploy/migrateJob.ts) from the secrets made here.
# No password reaches Terraform's state: each is an ephemeral random value
# (Terraform >= 1.11) written only through write-only arguments, sent again
# when its slot's version in var.password_versions changes (infra/README.md,
# "Rotating the database passwords").

locals {
  connection_name = google_sql_database_instance.main.connection_name
  # Over the Cloud SQL socket Cloud Run mounts at /cloudsql (postgres.js takes the socket directory as ?host=).
  socket    = "/cloudsql/${local.connection_name}"
  app_roles = ["ekklesia_registry", "ekklesia_ballot_box", "ekklesia_worker", "ekklesia_relay"]
  # Two logins per application role, so a password is rotated add-then-switch (infra/README.md, "Rotating the
  # database passwords"): slot a is the role itself, slot b its member ROLE_b (migration 000031), which
  # holds exactly its privileges. A slot's passwords change when its version is raised.
  logins = merge(
    { for r in local.app_roles : r => { slot = "a", role = r } },
    { for r in local.app_roles : "${r}_b" => { slot = "b", role = r } },
  )
}

resource "google_sql_database_instance" "main" {
  project             = var.project_id
  name                = var.instance_name
  region              = var.region
  database_version    = "POSTGRES_15"
  deletion_protection = var.deletion_protection

  settings {
    tier                        = var.tier
    edition                     = "ENTERPRISE"
    availability_type           = var.availability_type
    deletion_protection_enabled = var.deletion_protection
    disk_autoresize             = true

    backup_configuration {
      enabled                        = true
      point_in_time_recovery_enabled = true
      start_time                     = "02:00"
      transaction_log_retention_days = var.transaction_log_retention_days
      backup_retention_settings {
        retained_backups = var.backup_retention_days
      }
    }

    # Cloud Run's /cloudsql socket is the Cloud SQL Auth Proxy, which reaches the instance over its public IP:
    # a public address with no authorised network, and only connector (IAM-authorised, TLS) connections accepted.
    # Where an org policy forbids public IPs (constraints/sql.restrictPublicIp), see infra/README.md.
    connector_enforcement = "REQUIRED"
    ip_configuration {
      ipv4_enabled = true
      ssl_mode     = "ENCRYPTED_ONLY"
    }
    # Backups outlive an instance deleted by mistake.
    retain_backups_on_delete = true

    insights_config {
      query_insights_enabled  = true
      query_string_length     = 1024
      record_application_tags = true
      record_client_address   = false
    }

    # The connection budget is checked against this (test/infra).
    database_flags {
      name  = "max_connections"
      value = tostring(var.max_connections)
    }
    # Lock waits are one of the seed's four alerts: a wait longer than deadlock_timeout is logged.
    database_flags {
      name  = "log_lock_waits"
      value = "on"
    }
    # Secrecy (README "Secrecy"): no statement text and no parameters in the server's log.
    database_flags {
      name  = "log_statement"
      value = "none"
    }
    database_flags {
      name  = "log_min_duration_statement"
      value = "-1"
    }
    # A transaction left open by a dead instance never holds a token's lock for long.
    database_flags {
      name  = "idle_in_transaction_session_timeout"
      value = "10000"
    }

    maintenance_window {
      day          = 7
      hour         = 3
      update_track = "stable"
    }
  }

  lifecycle {
    # The lifecycle worker patches the tier and the availability before and after meetings
    # (docs/adr/001-capacity-by-lifecycle-worker.md); Terraform sets them at creation only.
    ignore_changes = [settings[0].tier, settings[0].availability_type]
  }
}

resource "google_sql_database" "ekklesia" {
  project  = var.project_id
  instance = google_sql_database_instance.main.name
  name     = "ekklesia"
}

ephemeral "random_password" "owner" {
  length  = 32
  special = false
}

resource "google_sql_user" "owner" {
  project             = var.project_id
  instance            = google_sql_database_instance.main.name
  name                = "ekklesia_owner"
  password_wo         = ephemeral.random_password.owner.result
  password_wo_version = var.password_versions.owner
  # It owns every object: Terraform never drops it (a destroy leaves it to the instance).
  deletion_policy = "ABANDON"
}

ephemeral "random_password" "login" {
  for_each = local.logins
  length   = 32
  special  = false
}

resource "google_secret_manager_secret" "url" {
  for_each  = toset(concat(["ekklesia_owner"], keys(local.logins)))
  project   = var.project_id
  secret_id = "${var.name}-db-${replace(each.value, "_", "-")}-url"
  replication {
    auto {}
  }
}

# A login's URL and its password secret are written in the same apply from the same ephemeral value, and only
# when that login's slot version changes.
resource "google_secret_manager_secret_version" "url" {
  for_each = google_secret_manager_secret.url
  secret   = each.value.id
  secret_data_wo = format(
    "postgres://%s:%s@localhost/%s?host=%s",
    each.key,
    each.key == "ekklesia_owner" ? ephemeral.random_password.owner.result : ephemeral.random_password.login[each.key].result,
    google_sql_database.ekklesia.name,
    local.socket,
  )
  secret_data_wo_version = each.key == "ekklesia_owner" ? var.password_versions.owner : var.password_versions[local.logins[each.key].slot]
}

resource "google_secret_manager_secret" "password" {
  for_each  = local.logins
  project   = var.project_id
  secret_id = "${var.name}-db-${replace(each.key, "_", "-")}-password"
  replication {
    auto {}
  }
}

resource "google_secret_manager_secret_version" "password" {
  for_each               = google_secret_manager_secret.password
  secret                 = each.value.id
  secret_data_wo         = ephemeral.random_password.login[each.key].result
  secret_data_wo_version = var.password_versions[local.logins[each.key].slot]
}
