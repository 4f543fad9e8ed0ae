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
  firestore_condition = {
    title       = "eventq Firestore database only"
    description = "Limits the grant to the database that eventq uses."
    expression  = "resource.name == \"${local.firestore_database_resource}\""
  }

  # Cloud Functions copies the source archive into a bucket of its own, one
  # per project and region, and Cloud Build reads it there as the build
  # account (provider issue #20571). The bucket itself, or an object in it;
  # not a bucket whose name merely starts the same (europe-west1 and
  # europe-west10).
  function_sources_bucket = "projects/_/buckets/gcf-v2-sources-${data.google_project.this.number}-${var.region}"
  function_sources_condition = {
    title       = "Cloud Functions source bucket only"
    description = "Limits the grant to the bucket where Cloud Functions keeps the sources it builds in this region."
    expression  = "resource.name == \"${local.function_sources_bucket}\" || resource.name.startsWith(\"${local.function_sources_bucket}/\")"
  }

  # Project-level grants, keyed by name, each with an IAM condition or none.
  project_grants = {
    "dispatch-firestore" = {
      member    = google_service_account.eventq["dispatch"].member
      role      = "roles/datastore.user"
      condition = local.firestore_condition
    }
    "api-firestore" = {
      member    = google_service_account.eventq["api"].member
      role      = "roles/datastore.user"
      condition = local.firestore_condition
    }
    # Queue subscriptions are created at run time, so they cannot be named in a
    # grant: the api manages subscriptions project-wide through a custom role
    # that holds subscription permissions only (no topics, no publishing).
    # Attaching a subscription to a topic is granted per tenant topic, and that
    # is what confines the api: it can create subscriptions on eventq's tenant
    # topics only.
    #
    # No IAM condition narrows this grant (or dispatch's below) to eventq's
    # names, resource.name.startsWith("projects/<p>/subscriptions/eventq-"):
    # Pub/Sub is not among the services that give IAM Conditions resource
    # attributes (Pub/Sub Lite is), and it checks subscriptions.create and
    # .list on the project, whose name no such condition matches, so the
    # condition would refuse the api its own queues. Nor could a name tell the
    # api's queues from static ones: both are eventq-<tenant>.<queue>. The api
    # itself must refuse to touch a subscription it did not create.
    # test/unit/terraform/subscription-grants.test.ts keeps these facts.
    "api-subscriptions" = {
      member    = google_service_account.eventq["api"].member
      role      = google_project_iam_custom_role.subscription_admin.name
      condition = null
    }
    # dispatch stops a queue's subscription from pushing when its sink answers
    # 410 or keeps failing (the backlog stays): one permission, nothing else,
    # project-wide for the same reasons as the api's.
    "dispatch-push-control" = {
      member    = google_service_account.eventq["dispatch"].member
      role      = google_project_iam_custom_role.push_control.name
      condition = null
    }
    # Dead-lettering needs the service agent to be a subscriber on the source
    # subscription. Those are the queue subscriptions the api creates at run
    # time, so the grant is at project scope (once, here, rather than once per
    # tenant: a project binding shared by tenant modules would be removed for
    # all when one tenant is removed).
    "pubsub-agent-dead-lettering" = {
      member    = "serviceAccount:${local.pubsub_service_agent}"
      role      = "roles/pubsub.subscriber"
      condition = null
    }
    "build-logs" = {
      member    = google_service_account.eventq["build"].member
      role      = "roles/logging.logWriter"
      condition = null
    }
    "build-artifacts" = {
      member    = google_service_account.eventq["build"].member
      role      = "roles/artifactregistry.writer"
      condition = null
    }
    # What the provider's builder example grants (storage.objectAdmin), on the
    # Cloud Functions source bucket only.
    "build-function-sources" = {
      member    = google_service_account.eventq["build"].member
      role      = "roles/storage.objectAdmin"
      condition = local.function_sources_condition
    }
  }

  # The build account's grants, which must have propagated before a build.
  build_grants = [for name in keys(local.project_grants) : name if startswith(name, "build-")]
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
    for_each = each.value.condition == null ? [] : [each.value.condition]
    content {
      title       = condition.value.title
      description = condition.value.description
      expression  = condition.value.expression
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

# IAM is eventually consistent: a build that starts right after its account's
# grants can still be refused the source (the provider's builder example
# waits 60 s, as here). Re-created, and waited for again, when a build grant
# changes.
resource "time_sleep" "build_iam" {
  create_duration = "60s"

  triggers = {
    grants = join(",", [for name in local.build_grants : google_project_iam_member.eventq[name].id])
    source = google_storage_bucket_iam_member.build_reads_source.id
  }
}
