# Each service's settings: what its config parses (shared/common/config/), and nothing else;
# test/infra checks both. Every service takes the common settings, its pool size and, if it is
# called with an OIDC token, who may call it; then its own. Values from Secret Manager are in secret_env.
locals {
  common_env = {
    GOOGLE_CLOUD_PROJECT = var.project_id
    LOG_LEVEL            = var.log_level
    # Spans to Cloud Trace (docs/threat-model.md, "Traces"): a share of new traces, raised for a meeting by the
    # lifecycle worker (LIFECYCLE_TRACE_RATIO); "off" makes none.
    TRACE_EXPORTER = var.trace_ratio > 0 || var.lifecycle_policy.trace_ratio > 0 ? "cloud" : "off"
    TRACE_RATIO    = tostring(var.trace_ratio)
    # Node 22 keeps the active span without async hooks on every promise only with context frames (docs/adr/002-tracing.md).
    NODE_OPTIONS = "--experimental-async-context-frame"
  }
  plain_env = {
    events = {
      JWT_ISSUER     = var.jwt_issuer
      JWT_AUDIENCE   = var.jwt_audience
      JWKS_URL       = var.jwks_url
      KMS_KEY        = var.kms_key
      ELECTIONS_URL  = local.url["elections"]
      PUBSUB_PROJECT = var.project_id
      # The web app (npm run build: web/ beside the code); register ${events URL}/app/callback at the issuer.
      WEB_APP_DIR = "web"
    }
    elections = {
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
    ballot-tasks = {}
    audit        = {}
    metering     = {}
    relay = {
      PUBSUB_PROJECT = var.project_id
    }
    lifecycle = {
      ELECTIONS_URL                  = local.url["elections"]
      KMS_KEY                        = var.kms_key
      LIFECYCLE_WARM_MIN_INSTANCES   = tostring(var.lifecycle_policy.warm_min_instances)
      LIFECYCLE_BASE_MIN_INSTANCES   = tostring(var.lifecycle_policy.base_min_instances)
      LIFECYCLE_WARM_TIER            = var.lifecycle_policy.warm_tier
      LIFECYCLE_BASE_TIER            = var.lifecycle_policy.base_tier
      LIFECYCLE_WARM_AVAILABILITY    = var.lifecycle_policy.warm_availability
      LIFECYCLE_BASE_AVAILABILITY    = var.lifecycle_policy.base_availability
      LIFECYCLE_TIER_THRESHOLD       = tostring(var.lifecycle_policy.tier_threshold)
      LIFECYCLE_VOTE_WINDOW_S        = tostring(var.lifecycle_policy.vote_window_s)
      LIFECYCLE_BALLOTS_PER_INSTANCE = tostring(var.lifecycle_policy.ballots_per_instance)
      LIFECYCLE_MAX_INSTANCES        = tostring(var.sizing["elections"].max_instances)
      LIFECYCLE_TRACE_RATIO          = tostring(var.lifecycle_policy.trace_ratio)
      LIFECYCLE_CAPACITY             = "google"
      GCP_PROJECT                    = var.project_id
      GCP_REGION                     = var.region
      ELECTIONS_SERVICE              = "${var.name}-elections"
      SQL_INSTANCE                   = var.sql_instance_name
    }
  }
  env = {
    for k, _ in local.targets : k => merge(
      local.common_env,
      # The one image serves every deployable: deploy/entry.js loads the target named here.
      { FUNCTION_TARGET = local.targets[k], DB_POOL_MAX = tostring(var.sizing[k].db_pool) },
      contains(keys(local.invokers), k) ? { INVOKER_AUDIENCE = local.audience[k], INVOKER_SERVICE_ACCOUNT = local.invokers[k] } : {},
      local.plain_env[k],
    )
  }
  # Setting => secret id.
  secret_env = {
    events = {
      DATABASE_URL = var.db_url_secrets[local.login["ekklesia_registry"]]
      OPERATOR_KEY = var.hand_secrets["operator-key"]
      S2S_KEYS     = var.hand_secrets["s2s-keys"]
    }
    elections = {
      DATABASE_URL = var.db_url_secrets[local.login["ekklesia_ballot_box"]]
      S2S_KEYS     = var.hand_secrets["s2s-keys"]
    }
    ballot-tasks = {
      DATABASE_URL = var.db_url_secrets[local.login["ekklesia_ballot_box"]]
    }
    audit = {
      DATABASE_URL = var.db_url_secrets[local.login["ekklesia_worker"]]
    }
    metering = {
      DATABASE_URL = var.db_url_secrets[local.login["ekklesia_worker"]]
    }
    relay = {
      DATABASE_URL = var.db_url_secrets[local.login["ekklesia_relay"]]
    }
    lifecycle = {
      DATABASE_URL             = var.db_url_secrets[local.login["ekklesia_worker"]]
      REGISTRY_DATABASE_URL    = var.db_url_secrets[local.login["ekklesia_registry"]]
      MAINTENANCE_DATABASE_URL = var.db_url_secrets["ekklesia_owner"]
      S2S_KEYS                 = var.hand_secrets["s2s-keys"]
    }
  }
  # A service may read its logins' URLs in both slots, so the revision before a slot switch still starts:
  # a role's URL secret in either slot => both.
  both_slots = merge([
    for r, _ in local.login : {
      for s in [r, "${r}_b"] : var.db_url_secrets[s] => [var.db_url_secrets[r], var.db_url_secrets["${r}_b"]]
    }
  ]...)
  secret_users = distinct(flatten([
    for service, settings in local.secret_env : [
      for _, secret in settings : [for s in lookup(local.both_slots, secret, [secret]) : { service = service, secret = s }]
    ]
  ]))
}
