// DeliveryPorts with a frozen clock that the test advances, and pushes that
// the test answers one by one: the deliverer's scheduling without I/O.
import type {
  DeliveryPorts,
  PushedMessage,
  PushOutcome,
} from '../../../../emulator/push-engine/delivery-ports';
import type { SubscriptionSettings } from '../../../../emulator/push-engine/subscription-settings';

export interface RecordedPush {
  readonly messageId: string;
  answered: boolean;
  readonly deliveryAttempt: number | undefined;
  readonly at: number;
  answer(outcome: PushOutcome): Promise<void>;
}

export class FakeDeliveryPorts implements DeliveryPorts {
  time = 0;
  readonly pushes: RecordedPush[] = [];
  readonly deadLetters: Array<{ messageId: string; count: number }> = [];
  ours = true;
  /** When set, every push is answered with it at once, at the time it is made. */
  autoAnswer: PushOutcome | undefined;
  private timers: Array<{ at: number; run: () => void; cancelled: boolean }> = [];

  isOurs = (_settings: SubscriptionSettings) => this.ours;
  now = () => this.time;
  log = () => {};

  setTimer = (run: () => void, ms: number) => {
    const timer = { at: this.time + ms, run, cancelled: false };
    this.timers.push(timer);
    return { cancel: () => (timer.cancelled = true) };
  };

  push = (_s: SubscriptionSettings, message: PushedMessage, deliveryAttempt: number | undefined) =>
    new Promise<PushOutcome>((resolve) => {
      if (this.autoAnswer) {
        const outcome = this.autoAnswer;
        this.pushes.push({
          messageId: message.messageId,
          answered: true,
          deliveryAttempt,
          at: this.time,
          answer: async () => {},
        });
        resolve(outcome);
        return;
      }
      const push: RecordedPush = {
        messageId: message.messageId,
        answered: false,
        deliveryAttempt,
        at: this.time,
        answer: async (outcome) => {
          push.answered = true;
          resolve(outcome);
          await settle();
        },
      };
      this.pushes.push(push);
    });

  deadLetter = async (_s: SubscriptionSettings, message: PushedMessage, count: number) => {
    this.deadLetters.push({ messageId: message.messageId, count });
  };

  /** Pushes made but not answered yet. */
  open(): RecordedPush[] {
    return this.pushes.filter((p) => !p.answered);
  }

  /** Moves the clock, running the timers that come due on the way, in order. */
  async advance(ms: number): Promise<void> {
    const until = this.time + ms;
    for (;;) {
      await settle();
      const next = this.timers.filter((t) => !t.cancelled && t.at <= until).sort((a, b) => a.at - b.at)[0];
      if (!next) break;
      this.time = Math.max(this.time, next.at);
      next.cancelled = true;
      next.run();
      await settle();
    }
    this.time = until;
  }
}

/** Lets the promise chains of answered pushes run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
}

export function message(id: string): PushedMessage {
  return { messageId: id, json: { messageId: id, data: '', attributes: {} } };
}

export const SETTINGS: SubscriptionSettings = {
  name: 'projects/p/subscriptions/s',
  pushEndpoint: 'http://relay/push',
  ackDeadlineMs: 60_000,
  retryPolicy: { minimumBackoffMs: 1_000, maximumBackoffMs: 10_000 },
  deadLetterPolicy: { deadLetterTopic: 'projects/p/topics/dead', maxDeliveryAttempts: 5 },
  ordered: false,
};
