# The Google Cloud APIs eventq needs. On a fresh project nothing can be
# created (or, for data.google_project, read) before its API is enabled, so
# every resource here waits for google_project_service.enabled, and the
# tenant modules wait for it through the project_id output
# (test/unit/terraform/apis.test.ts follows the graph).

locals {
  apis = toset([
    "artifactregistry.googleapis.com",
    "cloudbuild.googleapis.com",
    "cloudfunctions.googleapis.com",
    # data.google_project and project IAM: Terraform running as a service
    # account calls this API, which a fresh project may not have enabled.
    "cloudresourcemanager.googleapis.com",
    "firestore.googleapis.com",
    "iam.googleapis.com",
    "logging.googleapis.com",
    "monitoring.googleapis.com",
    "pubsub.googleapis.com",
    "run.googleapis.com",
    "secretmanager.googleapis.com",
    "storage.googleapis.com",
  ])
}

resource "google_project_service" "enabled" {
  for_each = var.enable_apis ? local.apis : toset([])

  project            = var.project_id
  service            = each.key
  disable_on_destroy = false
}

data "google_project" "this" {
  project_id = var.project_id

  # Read after cloudresourcemanager.googleapis.com is enabled, not at plan
  # time on a project that does not have it yet.
  depends_on = [google_project_service.enabled]
}
