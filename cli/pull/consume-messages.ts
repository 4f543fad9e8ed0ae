// The heart of `eventq queues listen`, with the Pub/Sub subscription injected:
// decode each message as a CloudEvent, apply the queue's filters (the emulator
// applies none, and production Pub/Sub only some), hand matching events to
// `deliver`, and ack or nack on its verdict. Stopping lets in-flight events
// finish; events that arrive meanwhile are nacked so that they come again.
import { decodePubsubMessage } from '../../functions/src/cloudevents/decode-pubsub-message';
import { toStructuredJson } from '../../functions/src/cloudevents/json-format';
import { validateCloudEvent } from '../../functions/src/cloudevents/validate-cloudevent';
import type { Filter } from '../../functions/src/filters/filter';
import { matchesFilters } from '../../functions/src/filters/matches-filters';
import { claimedRedriveTarget } from '../../functions/src/pubsub/redrive-selection';

/** The part of a Pub/Sub `Message` the listener uses. */
export interface PulledMessage {
  readonly id: string;
  readonly data: Buffer;
  readonly attributes: Readonly<Record<string, string>>;
  ack(): void;
  nack(): void;
}

/** The part of a Pub/Sub `Subscription` the listener uses. */
export interface MessageSource {
  on(event: 'message', listener: (message: PulledMessage) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  close(): Promise<void>;
}

export interface ListenCounts {
  /** Matched and taken by `deliver` (acked). */
  delivered: number;
  /** Refused by `deliver` (nacked: it comes again). */
  failed: number;
  /** Did not match the queue's filters (acked silently). */
  filteredOut: number;
  /** Not a valid CloudEvent (nacked: Pub/Sub dead-letters it after the last attempt). */
  invalid: number;
}

export interface ConsumeOptions {
  readonly filters: readonly Filter[];
  /** The queue listened to: a message redriven for another queue of the tenant is not its event. */
  readonly queue?: string;
  /** Takes one event (the structured-mode JSON object); true acks it, false nacks it. */
  readonly deliver: (event: Record<string, unknown>) => Promise<boolean>;
  /** Problems worth a line on stderr whatever the terminal. */
  readonly warn: (line: string) => void;
  readonly onCounts?: (counts: Readonly<ListenCounts>) => void;
}

export interface Consumer {
  readonly counts: Readonly<ListenCounts>;
  /** Stops pulling, lets in-flight events finish, flushes acks. */
  stop(): Promise<void>;
  /** Settles when stopped; rejects when the subscription ended by itself (deleted, no permission, ...). */
  readonly done: Promise<void>;
}

export function consumeMessages(source: MessageSource, options: ConsumeOptions): Consumer {
  const counts: ListenCounts = { delivered: 0, failed: 0, filteredOut: 0, invalid: 0 };
  const inFlight = new Set<Promise<void>>();
  let stopping = false;
  let stopped: Promise<void> | undefined;
  let lastError: Error | undefined;
  let settle!: { resolve: () => void; reject: (error: Error) => void };
  const done = new Promise<void>((resolve, reject) => {
    settle = { resolve, reject };
  });
  const count = (key: keyof ListenCounts) => {
    counts[key]++;
    options.onCounts?.(counts);
  };

  async function handle(message: PulledMessage): Promise<void> {
    let event: Record<string, unknown>;
    // Unverified: the listener runs on the tenant's machine, without eventq's key (README, "Pull queues").
    const target = claimedRedriveTarget(message.attributes);
    if (options.queue !== undefined && target !== undefined && target !== options.queue) {
      message.ack();
      count('filteredOut');
      return;
    }
    try {
      const decoded = decodePubsubMessage({ data: message.data, attributes: message.attributes });
      validateCloudEvent(decoded);
      if (!matchesFilters(decoded, options.filters)) {
        message.ack();
        count('filteredOut');
        return;
      }
      event = toStructuredJson(decoded);
    } catch (error) {
      options.warn(
        `message ${message.id} is not a valid CloudEvent, left for the dead-letter topic: ${(error as Error).message}`,
      );
      message.nack();
      count('invalid');
      return;
    }
    let taken = false;
    try {
      taken = await options.deliver(event);
    } catch (error) {
      options.warn(`event ${String(event.id)}: ${(error as Error).message}`);
    }
    if (taken) {
      message.ack();
      count('delivered');
    } else {
      message.nack();
      count('failed');
    }
  }

  source.on('message', (message) => {
    if (stopping) {
      message.nack();
      return;
    }
    const task = handle(message).finally(() => inFlight.delete(task));
    inFlight.add(task);
  });
  // The client retries streams itself (UNAVAILABLE, DEADLINE_EXCEEDED, ...); what reaches here is
  // worth telling, and fatal only when the subscription closes as a result.
  source.on('error', (error) => {
    lastError = error;
    options.warn(error.message);
  });
  source.on('close', () => {
    if (!stopping) {
      settle.reject(new Error(`the subscription stopped: ${lastError?.message ?? 'closed by the server'}`));
    }
  });

  const stop = () => {
    // Set before close(): a close event it emits must not read as the subscription ending by itself.
    stopping = true;
    stopped ??= (async () => {
      const closing = source.close();
      await Promise.all(inFlight);
      await closing;
      settle.resolve();
    })();
    return stopped;
  };
  return { counts, stop, done };
}
