# What the logs may not keep (docs/threat-model.md, "Side channels"): Cloud
# Run writes a request log line for every request, with the client's IP, the
# time and the URL. On the ballot side (the elections function: ballots,
# receipts, receipt status, the tracker; the ballot task handler) and on the
# token route of the events function, such lines would date a member's
# requests and pair them by IP, so they are excluded from storage: the
# _Default sink drops them and no log bucket ever holds them. User-defined
# log-based metrics (modules/monitoring: busy, overloaded) are still computed
# from them, as Cloud Logging computes those before exclusions; Cloud Run's
# own request metrics are not logs at all. The functions themselves write a
# line only for a failed or slow request, with no IP, subject or receipt
# (test/system/secrecy.test.ts).

locals {
  requests = "logName=\"projects/${var.project_id}/logs/run.googleapis.com%2Frequests\""
  exclusions = {
    "ballot-side-requests" = {
      description = "Every request log line of the ballot side: the elections function and the ballot task handler."
      filter      = "resource.type=\"cloud_run_revision\" AND resource.labels.service_name=(\"${var.elections_service}\" OR \"${var.ballot_tasks_service}\") AND ${local.requests}"
    }
    "token-requests" = {
      description = "The events function's request log lines of voting-token requests."
      filter      = "resource.type=\"cloud_run_revision\" AND resource.labels.service_name=\"${var.events_service}\" AND ${local.requests} AND httpRequest.requestUrl=~\"/v1/orgs/[^/]+/elections/[^/]+/token\""
    }
  }
}

resource "google_logging_project_exclusion" "secrecy" {
  for_each    = local.exclusions
  project     = var.project_id
  name        = "${var.name}-${each.key}"
  description = each.value.description
  filter      = each.value.filter
}
