// Delivers the messages of one push subscription the way Pub/Sub push does:
// many pushes outstanding (the push window), each failed message retried after
// the retry policy's backoff, the whole subscription slowed by push backoff
// while its endpoint fails, `deliveryAttempt` numbered when there is a
// dead-letter policy, and after `maxDeliveryAttempts` the message forwarded to
// the dead-letter topic. An ordered subscription has one message outstanding
// at a time, in the order the emulator released them (see docs/architecture.md
// for why per subscription rather than per key).
import type { DeliveryPorts, PushedMessage } from './delivery-ports';
import { DEFAULT_PUSH_WINDOW, PushWindow } from './push-window';
import { retryDelayMs } from './retry-schedule';
import type { SubscriptionSettings } from './subscription-settings';

interface Pending {
  readonly message: PushedMessage;
  /** Pushes made so far. */
  attempts: number;
  dueAt: number;
  inFlight?: AbortController;
}

export class SubscriptionDeliverer {
  /** In arrival order: a Map iterates in insertion order. */
  private readonly pending = new Map<string, Pending>();
  private readonly window: PushWindow;
  private outstanding = 0;
  private timer: { cancel(): void } | undefined;
  private closed = false;

  constructor(
    private settings: SubscriptionSettings,
    private readonly ports: DeliveryPorts,
  ) {
    this.window = new PushWindow({
      ...DEFAULT_PUSH_WINDOW,
      // Locally the push backoff tops out at the retry policy's maximum: a
      // recovered endpoint is found again within it (production: up to 60 s).
      maxBackoffMs: Math.min(
        DEFAULT_PUSH_WINDOW.maxBackoffMs,
        settings.retryPolicy?.maximumBackoffMs ?? DEFAULT_PUSH_WINDOW.maxBackoffMs,
      ),
    });
  }

  /** Messages held (waiting, in retry or being pushed). */
  get size(): number {
    return this.pending.size;
  }

  /** Takes a message the emulator pushed; one already held (a repeated push) is not taken twice. */
  accept(message: PushedMessage): void {
    if (this.closed || this.pending.has(message.messageId)) return;
    this.pending.set(message.messageId, { message, attempts: 0, dueAt: this.ports.now() });
    this.schedule();
  }

  /** New settings from the emulator: a push config change pauses, resumes or redirects. */
  update(settings: SubscriptionSettings): void {
    this.settings = settings;
    this.schedule();
  }

  /** The subscription is gone: nothing more is pushed for it, retries included. */
  close(): void {
    this.closed = true;
    this.timer?.cancel();
    for (const entry of this.pending.values()) entry.inFlight?.abort();
    this.pending.clear();
  }

  private schedule(): void {
    this.timer?.cancel();
    this.timer = undefined;
    if (this.closed || !this.ports.isOurs(this.settings)) return;
    const now = this.ports.now();
    let nextDue = Number.POSITIVE_INFINITY;
    for (const entry of this.pending.values()) {
      if (entry.inFlight) {
        if (this.settings.ordered) return;
        continue;
      }
      if (entry.dueAt > now) {
        nextDue = Math.min(nextDue, entry.dueAt);
        if (this.settings.ordered) break;
        continue;
      }
      if (!this.window.mayStart(this.outstanding, now)) {
        // Full: a finishing push schedules again. Gate closed: wake when it opens.
        if (this.outstanding < this.window.size) nextDue = Math.min(nextDue, this.window.opensAt);
        break;
      }
      this.start(entry);
      if (this.settings.ordered) break;
    }
    if (nextDue !== Number.POSITIVE_INFINITY) {
      this.timer = this.ports.setTimer(() => this.schedule(), Math.max(0, nextDue - now));
    }
  }

  private start(entry: Pending): void {
    const controller = new AbortController();
    entry.inFlight = controller;
    entry.attempts += 1;
    this.outstanding += 1;
    const settings = this.settings;
    const attempt = entry.attempts;
    // Pub/Sub numbers attempts in the envelope only for a subscription with a dead-letter policy.
    const numbered = settings.deadLetterPolicy ? attempt : undefined;
    void this.ports
      .push(settings, entry.message, numbered, controller.signal)
      .then((outcome) => this.finish(entry, settings, attempt, outcome.ok ? undefined : outcome.error));
  }

  private async finish(
    entry: Pending,
    settings: SubscriptionSettings,
    attempt: number,
    error: string | undefined,
  ): Promise<void> {
    this.outstanding -= 1;
    entry.inFlight = undefined;
    if (this.closed) return;
    const now = this.ports.now();
    if (error === undefined) {
      this.pending.delete(entry.message.messageId);
      this.window.succeeded();
    } else {
      this.window.failed(now);
      const policy = settings.deadLetterPolicy;
      if (policy && attempt >= policy.maxDeliveryAttempts) {
        try {
          await this.ports.deadLetter(settings, entry.message, attempt);
          this.pending.delete(entry.message.messageId);
        } catch (dlqError) {
          // Dead lettering is best effort in Pub/Sub too: the message stays and is tried again.
          this.ports.log(`could not dead-letter ${entry.message.messageId}: ${String(dlqError)}`);
          entry.dueAt = now + retryDelayMs(attempt, settings.retryPolicy);
        }
      } else {
        entry.dueAt = now + retryDelayMs(attempt, settings.retryPolicy);
      }
    }
    this.schedule();
  }
}
