variable "project_id" {
  type        = string
  description = "Google Cloud project to deploy eventq into."
}

variable "region" {
  type        = string
  description = "Region of the functions."
  default     = "europe-west1"
}

variable "alert_notification_channels" {
  type        = list(string)
  description = "Full resource names of the Cloud Monitoring notification channels for the delivery alert, projects/<project>/notificationChannels/<id>; empty means no alert policy."
  default     = []

  validation {
    condition     = alltrue([for channel in var.alert_notification_channels : can(regex("^projects/[a-z][a-z0-9-]{4,28}[a-z0-9]/notificationChannels/[0-9]+$", channel))])
    error_message = "alert_notification_channels must be full resource names, projects/<project>/notificationChannels/<numeric id>."
  }
}

variable "firestore" {
  type = object({
    database         = optional(string, "(default)")
    location         = optional(string)
    create           = optional(bool, true)
    delete_protected = optional(bool, true)
  })
  description = "eventq's Firestore database (the root module's firestore input): its location defaults to var.region; set delete_protected = false to let terraform destroy delete it (see Tear down in ../../README.md)."
  default     = {}
}

variable "signing_keys" {
  type = object({
    secret_id = optional(string, "eventq-signing-keys")
    version   = string
  })
  description = "The signing-key secret and the version the functions read (the root module's signing_keys input): a version number, never \"latest\"; change it to rotate (see Rotate the signing key in ../../README.md)."

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,255}$", var.signing_keys.secret_id))
    error_message = "signing_keys.secret_id must be 1-255 letters, digits, hyphens or underscores."
  }
  validation {
    condition     = can(regex("^[1-9][0-9]*$", var.signing_keys.version))
    error_message = "signing_keys.version must be a secret version number (\"1\", \"2\", ...), not \"latest\": pin the version and change it to rotate."
  }
}
