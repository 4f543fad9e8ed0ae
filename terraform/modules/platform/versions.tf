terraform {
  # 1.9: variable validations that refer to other variables.
  required_version = ">= 1.9"

  required_providers {
    google = {
      source  = "hashicorp/google"
      version = ">= 6.0, < 8.0"
    }
    archive = {
      source  = "hashicorp/archive"
      version = ">= 2.5" # 2.5: glob patterns in archive_file excludes
    }
    time = {
      source  = "hashicorp/time"
      version = ">= 0.9"
    }
  }
}
