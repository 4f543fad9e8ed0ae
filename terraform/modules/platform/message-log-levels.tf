# What the message log keeps, from each tenant's message_log: its own level
# and its queues' levels, as "<tenant>" and "<tenant>/<queue>" keys (only those
# that are not the default, all). dispatch reads the map from
# EVENTQ_MESSAGE_LOG_LEVELS at cold start, so the push path never reads a
# level from Firestore; a change takes effect with the next deployment. The
# local stack builds the same map from emulator/tenants.json
# (messageLogLevelsOf in functions/src/message-log/log-levels.ts); the unit
# tests compare the two.

locals {
  message_log_levels = merge(
    { for id, t in var.tenants : id => t.message_log.level if t.message_log.level != "all" },
    merge([for id, t in var.tenants : { for q, level in t.message_log.queues : "${id}/${q}" => level }]...),
  )
}
