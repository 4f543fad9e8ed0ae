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
    version   = optional(string, "latest")
  })
  description = "The signing-key secret and the version the functions read (the root module's signing_keys input): pin the version, and change it to rotate (see Rotate the signing key in ../../README.md)."
  default     = {}
}
