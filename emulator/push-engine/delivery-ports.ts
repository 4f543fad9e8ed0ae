// What a subscription's deliverer needs from the outside world, injected so
// that its scheduling is tested with a frozen clock and no I/O.
import type { SubscriptionSettings } from './subscription-settings';

/** The `message` object of a push envelope, as the emulator handed it over, and its id. */
export interface PushedMessage {
  readonly messageId: string;
  readonly publishTime?: string;
  readonly json: Readonly<Record<string, unknown>>;
}

export type PushOutcome = { readonly ok: true } | { readonly ok: false; readonly error: string };

export interface DeliveryPorts {
  /** One push to the subscription's endpoint; resolves (never rejects) with how it went. */
  push(
    settings: SubscriptionSettings,
    message: PushedMessage,
    deliveryAttempt: number | undefined,
    signal: AbortSignal,
  ): Promise<PushOutcome>;
  /** Forwards a message to the dead-letter topic with the attributes Pub/Sub adds. */
  deadLetter(settings: SubscriptionSettings, message: PushedMessage, deliveryCount: number): Promise<void>;
  /** Whether the subscription's push endpoint is this engine's (otherwise it is paused here). */
  isOurs(settings: SubscriptionSettings): boolean;
  now(): number;
  setTimer(run: () => void, ms: number): { cancel(): void };
  log(line: string): void;
}
