# State in a GCS bucket made once by hand (infra/README.md, step 1). The state holds the generated
# database passwords: only the deployers may read the bucket.
terraform {
  backend "gcs" {
    prefix = "ekklesia/dev"
  }
}
