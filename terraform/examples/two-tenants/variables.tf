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
  description = "Monitoring notification channel ids for the delivery alert; empty means no alert policy."
  default     = []
}
