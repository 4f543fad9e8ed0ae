# Service accounts and the least each one needs. Grants on one tenant's topics
# are in ../tenant; this file holds what is project-wide.

locals {
  service_accounts = {
    dispatch = "eventq dispatch: reads queue definitions, delivers, publishes undeliverable events to dead-letter topics"
    api      = "eventq api: tenants, tokens and queues in Firestore; creates and manages queue subscriptions"
    push     = "eventq push: the identity of push subscriptions' OIDC tokens, the only invoker of dispatch"
    build    = "eventq build: Cloud Build identity that builds the functions from the source archive"
  }

  firestore_database_resource = "projects/${var.project_id}/databases/${var.firestore.database}"

  # Project-level grants, keyed by name. Firestore grants are limited to eventq's
  # database by an IAM condition.
  project_grants = {
    "dispatch-firestore" = {
      member   = google_service_account.eventq["dispatch"].member
      role     = "roles/datastore.user"
      database = true
    }
    "api-firestore" = {
      member   = google_service_account.eventq["api"].member
      role     = "roles/datastore.user"
      database = true
    }
    # Queue subscriptions are created at run time, so they cannot be named in a
    # grant: the api manages subscriptions project-wide through a custom role
    # that holds subscription permissions only (no topics, no publishing).
    # Attaching a subscription to a topic is granted per tenant topic.
    "api-subscriptions" = {
      member   = google_service_account.eventq["api"].member
      role     = google_project_iam_custom_role.subscription_admin.name
      database = false
    }
    # dispatch stops a queue's subscription from pushing when its sink answers
    # 410 or keeps failing (the backlog stays): one permission, nothing else.
    "dispatch-push-control" = {
      member   = google_service_account.eventq["dispatch"].member
      role     = google_project_iam_custom_role.push_control.name
      database = false
    }
    # Dead-lettering needs the service agent to be a subscriber on the source
    # subscription. Those are the queue subscriptions the api creates at run
    # time, so the grant is at project scope (once, here, rather than once per
    # tenant: a project binding shared by tenant modules would be removed for
    # all when one tenant is removed).
    "pubsub-agent-dead-lettering" = {
      member   = "serviceAccount:${local.pubsub_service_agent}"
      role     = "roles/pubsub.subscriber"
      database = false
    }
    "build-logs" = {
      member   = google_service_account.eventq["build"].member
      role     = "roles/logging.logWriter"
      database = false
    }
    "build-artifacts" = {
      member   = google_service_account.eventq["build"].member
      role     = "roles/artifactregistry.writer"
      database = false
    }
  }
}

resource "google_service_account" "eventq" {
  for_each = local.service_accounts

  project      = var.project_id
  account_id   = "${var.name_prefix}-${each.key}"
  display_name = "${var.name_prefix} ${each.key}"
  description  = each.value

  depends_on = [google_project_service.enabled]
}

resource "google_project_iam_custom_role" "subscription_admin" {
  project     = var.project_id
  role_id     = "${replace(var.name_prefix, "-", "_")}_subscription_admin"
  title       = "${var.name_prefix} queue subscriptions"
  description = "Create, change, seek and delete the Pub/Sub subscriptions behind eventq queues."
  permissions = [
    "pubsub.subscriptions.consume",
    "pubsub.subscriptions.create",
    "pubsub.subscriptions.delete",
    "pubsub.subscriptions.get",
    "pubsub.subscriptions.getIamPolicy",
    "pubsub.subscriptions.list",
    "pubsub.subscriptions.setIamPolicy",
    "pubsub.subscriptions.update",
  ]

  depends_on = [google_project_service.enabled]
}

# getIamPolicy/setIamPolicy above: a pull queue's principal is granted
# roles/pubsub.subscriber on that one subscription, in its own IAM policy.

resource "google_project_iam_custom_role" "push_control" {
  project     = var.project_id
  role_id     = "${replace(var.name_prefix, "-", "_")}_push_control"
  title       = "${var.name_prefix} push control"
  description = "Stop a queue subscription from pushing (modifyPushConfig) when its sink is gone or keeps failing."
  permissions = ["pubsub.subscriptions.update"]

  depends_on = [google_project_service.enabled]
}

resource "google_project_iam_member" "eventq" {
  for_each = local.project_grants

  project = var.project_id
  role    = each.value.role
  member  = each.value.member

  dynamic "condition" {
    for_each = each.value.database ? [local.firestore_database_resource] : []
    content {
      title       = "eventq Firestore database only"
      description = "Limits the grant to the database that eventq uses."
      expression  = "resource.name == \"${condition.value}\""
    }
  }
}

resource "google_service_account_iam_member" "push" {
  for_each = {
    # Pub/Sub mints the push OIDC token as the push account.
    "pubsub-agent-token-creator" = {
      role   = "roles/iam.serviceAccountTokenCreator"
      member = "serviceAccount:${local.pubsub_service_agent}"
    }
    # Creating a push subscription that authenticates as the push account
    # requires actAs on it.
    "api-act-as" = {
      role   = "roles/iam.serviceAccountUser"
      member = google_service_account.eventq["api"].member
    }
  }

  service_account_id = google_service_account.eventq["push"].name
  role               = each.value.role
  member             = each.value.member
}

resource "google_storage_bucket_iam_member" "build_reads_source" {
  bucket = google_storage_bucket.source.name
  role   = "roles/storage.objectViewer"
  member = google_service_account.eventq["build"].member
}
