# eventq with two tenants: acme publishes to eventq-acme, globex to
# eventq-globex. globex also has a static pull queue for an internal archiver.

module "eventq" {
  source = "../.."

  project_id = var.project_id
  region     = var.region
  labels     = { app = "eventq" }

  tenants = {
    acme = {}
    globex = {
      labels = { team = "globex" }
      static_queues = {
        archive = {
          subscribers = ["serviceAccount:archiver@${var.project_id}.iam.gserviceaccount.com"]
        }
      }
    }
  }

  alerts = {
    enabled               = length(var.alert_notification_channels) > 0
    notification_channels = var.alert_notification_channels
  }
}
