# State in a GCS bucket made once by hand (infra/README.md, step 1). No password is in it (write-only
# arguments), but it names every resource: only the deployers may read the bucket.
terraform {
  backend "gcs" {
    prefix = "ekklesia/dev/app"
  }
}
