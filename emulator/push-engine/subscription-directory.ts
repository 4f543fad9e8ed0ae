// The engine's view of the emulator's subscriptions, kept current by listing
// them every half second: that is how a push config change (pause, resume)
// and a deletion reach the messages the engine already holds. A subscription
// the engine has not seen yet (just created) is read on its own, once.
import { EmulatorNotFoundError, getEmulatorJson } from './emulator-rest';
import { parseSubscriptionSettings, type SubscriptionSettings } from './subscription-settings';

export const DIRECTORY_REFRESH_MS = 500;
const PAGE_SIZE = 1000;

export type DirectoryListener = (name: string, settings: SubscriptionSettings | undefined) => void;

interface Known {
  settings: SubscriptionSettings;
  /** When it was read: a listing that began before cannot tell that it is gone. */
  readAt: number;
}

export class SubscriptionDirectory {
  private readonly known = new Map<string, Known>();
  private readonly firstSeen = new Map<string, number>();
  private readonly reading = new Map<string, Promise<SubscriptionSettings>>();
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly emulatorHost: string,
    private readonly projectId: string,
    private readonly listener: DirectoryListener,
  ) {}

  start(): void {
    const tick = () => {
      this.refresh()
        .catch(() => undefined) // the next tick tries again
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(tick, DIRECTORY_REFRESH_MS).unref();
        });
    };
    tick();
  }

  /** When the engine first learned that the subscription exists (a listing or a lookup). */
  firstSeenAt(name: string): number | undefined {
    return this.firstSeen.get(name);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  /** The subscription's settings, read from the emulator when not known yet. */
  lookup(name: string): Promise<SubscriptionSettings> {
    const known = this.known.get(name);
    if (known) return Promise.resolve(known.settings);
    let pending = this.reading.get(name);
    if (!pending) {
      const readAt = Date.now();
      pending = getEmulatorJson(this.emulatorHost, `/v1/${name}`)
        .then((resource) => {
          const settings = parseSubscriptionSettings(resource);
          if (!this.known.has(name)) this.known.set(name, { settings, readAt });
          if (!this.firstSeen.has(name)) this.firstSeen.set(name, readAt);
          return settings;
        })
        .finally(() => this.reading.delete(name));
      this.reading.set(name, pending);
    }
    return pending;
  }

  private async refresh(): Promise<void> {
    const startedAt = Date.now();
    const seen = new Map<string, SubscriptionSettings>();
    let pageToken = '';
    do {
      const query = `pageSize=${PAGE_SIZE}${pageToken ? `&pageToken=${encodeURIComponent(pageToken)}` : ''}`;
      const page = (await getEmulatorJson(
        this.emulatorHost,
        `/v1/projects/${this.projectId}/subscriptions?${query}`,
      )) as { subscriptions?: unknown[]; nextPageToken?: string };
      for (const resource of page.subscriptions ?? []) {
        const settings = parseSubscriptionSettings(resource);
        seen.set(settings.name, settings);
      }
      pageToken = page.nextPageToken ?? '';
    } while (pageToken);
    for (const [name, settings] of seen) {
      const before = this.known.get(name);
      this.known.set(name, { settings, readAt: startedAt });
      if (!this.firstSeen.has(name)) this.firstSeen.set(name, startedAt);
      if (!before || JSON.stringify(before.settings) !== JSON.stringify(settings))
        this.listener(name, settings);
    }
    for (const [name, known] of this.known) {
      if (!seen.has(name) && known.readAt < startedAt) {
        this.known.delete(name);
        this.firstSeen.delete(name);
        this.listener(name, undefined);
      }
    }
  }
}

export { EmulatorNotFoundError };
