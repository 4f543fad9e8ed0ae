# eventq with two tenants: acme publishes to eventq-acme, globex to
# eventq-globex. globex also has a static pull queue, read by an internal
# archiver with its own service account.

resource "google_service_account" "archiver" {
  project      = var.project_id
  account_id   = "globex-archiver"
  display_name = "globex archiver"
  description  = "Pulls globex's events from its static archive queue."
}

module "eventq" {
  source = "../.."

  project_id = var.project_id
  region     = var.region
  labels     = { app = "eventq" }
  # Passed through so that the documented teardown and key rotation can set them with -var.
  firestore    = var.firestore
  signing_keys = var.signing_keys

  tenants = {
    acme = {}
    globex = {
      labels = { team = "globex" }
      static_queues = {
        archive = {
          # Built from account_id (known when planning), not from the email
          # (known after apply): the member is part of a for_each key.
          subscribers = ["serviceAccount:${google_service_account.archiver.account_id}@${var.project_id}.iam.gserviceaccount.com"]
        }
      }
    }
  }

  alerts = {
    enabled               = length(var.alert_notification_channels) > 0
    notification_channels = var.alert_notification_channels
  }
}
