// Reads a tenant's dead letters the way an operator would: pulling the
// eventq-<tenant>-dead subscription with the Pub/Sub client.
import type { Message } from '@google-cloud/pubsub';
import { pubsub } from './stack';

export interface PulledDeadLetter {
  readonly data: Buffer;
  readonly attributes: Record<string, string>;
}

/**
 * Collects dead letters until `until` holds, acking those `mine` claims (or,
 * with `keep`, leaving them for a redrive) and nacking the rest so that other
 * tests still see theirs.
 */
export async function collectDeadLetters(
  tenant: string,
  mine: (letter: PulledDeadLetter) => boolean,
  until: (collected: PulledDeadLetter[]) => boolean,
  timeoutMs = 20_000,
  options: {
    /** Nack what is collected, so that it stays for a later read. */
    keep?: boolean;
    /** `resolve`: after `timeoutMs`, resolve with what was collected (to show that nothing more arrives). */
    atTimeout?: 'reject' | 'resolve';
  } = {},
): Promise<PulledDeadLetter[]> {
  const subscription = pubsub().subscription(`eventq-${tenant}-dead`);
  const collected: PulledDeadLetter[] = [];
  return new Promise((resolve, reject) => {
    const finish = (error?: Error) => {
      clearTimeout(timer);
      subscription.removeListener('message', onMessage);
      subscription.close().then(() => (error ? reject(error) : resolve(collected)), reject);
    };
    const onMessage = (message: Message) => {
      const letter = { data: message.data, attributes: message.attributes };
      if (!mine(letter)) {
        message.nack();
        return;
      }
      if (options.keep) message.nack();
      else message.ack();
      if (!collected.some((c) => c.attributes['ce-id'] === letter.attributes['ce-id'] && options.keep))
        collected.push(letter);
      if (until(collected)) finish();
    };
    const timer = setTimeout(
      () =>
        finish(
          options.atTimeout === 'resolve'
            ? undefined
            : new Error(`timed out with ${collected.length} dead letters collected`),
        ),
      timeoutMs,
    );
    subscription.on('message', onMessage);
    subscription.on('error', (error) => finish(error));
  });
}
