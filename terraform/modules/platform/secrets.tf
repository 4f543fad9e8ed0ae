# eventq's own signing keys (EVENTQ_SIGNING_KEYS): a JSON array of private JWKs.
# Terraform declares the secret and who may read it; the key material is added
# as a secret version out of band, so that it never lands in Terraform state.

resource "google_secret_manager_secret" "signing_keys" {
  project   = var.project_id
  secret_id = var.signing_keys.secret_id
  labels    = var.labels

  replication {
    auto {}
  }

  depends_on = [google_project_service.enabled]
}

resource "google_secret_manager_secret_iam_member" "signing_keys_accessor" {
  # Both functions sign: dispatch signs deliveries, the api signs test
  # deliveries and publishes the public keys.
  for_each = toset(["api", "dispatch"])

  project   = var.project_id
  secret_id = google_secret_manager_secret.signing_keys.secret_id
  role      = "roles/secretmanager.secretAccessor"
  member    = google_service_account.eventq[each.key].member
}
