import type { CloudEvent } from '../../../functions/src/cloudevents/cloudevent';
import { matchesFilters } from '../../../functions/src/filters/matches-filters';
import {
  effectiveFilters,
  publicQueue,
  type QueueDefinition,
  signingSecrets,
} from '../../../functions/src/queues/queue-definition';

const NOW = Date.UTC(2030, 0, 1);

const queue: QueueDefinition = {
  tenant: 'acme',
  name: 'orders',
  kind: 'push',
  sink: 'https://hooks.acme.example/',
  filters: [],
  contentMode: 'binary',
  status: 'active',
  secrets: [{ value: 'whsec_current' }],
  subscription: 'projects/p/subscriptions/eventq-acme.orders',
  createdAt: '2030-01-01T00:00:00Z',
  updatedAt: '2030-01-01T00:00:00Z',
};

const event = (type: string, source: string, subject = 'device-1'): CloudEvent => ({
  attributes: { specversion: '1.0', id: 'e1', type, source, subject },
});

describe('effectiveFilters', () => {
  it('is empty for a queue without types, source or filters', () => {
    expect(effectiveFilters({ filters: [] })).toEqual([]);
  });

  it('turns types into one any-of-exact filter, and source into an exact filter, ahead of the queue filters', () => {
    expect(
      effectiveFilters({
        types: ['a.created', 'a.deleted'],
        source: '//fleet',
        filters: [{ prefix: { subject: 'device-' } }],
      }),
    ).toEqual([
      { any: [{ exact: { type: 'a.created' } }, { exact: { type: 'a.deleted' } }] },
      { exact: { source: '//fleet' } },
      { prefix: { subject: 'device-' } },
    ]);
  });

  it('treats an empty list of types as no restriction', () => {
    expect(effectiveFilters({ types: [], filters: [] })).toEqual([]);
  });

  it.each<[string, CloudEvent, boolean]>([
    ['one of the types from the source', event('a.deleted', '//fleet'), true],
    ['a type the queue does not list', event('a.updated', '//fleet'), false],
    ['another source', event('a.created', '//other'), false],
    ['a subject the queue filter refuses', event('a.created', '//fleet', 'user-1'), false],
  ])('lets through %s: %s', (_, e, matches) => {
    const filters = effectiveFilters({
      types: ['a.created', 'a.deleted'],
      source: '//fleet',
      filters: [{ prefix: { subject: 'device-' } }],
    });
    expect(matchesFilters(e, filters)).toBe(matches);
  });
});

describe('signingSecrets', () => {
  it('signs with the current secret and rotated-out secrets still within their grace period', () => {
    const rotating: QueueDefinition = {
      ...queue,
      secrets: [
        { value: 'whsec_new' },
        { value: 'whsec_old', expiresAt: NOW + 1 },
        { value: 'whsec_older', expiresAt: NOW },
        { value: 'whsec_oldest', expiresAt: NOW - 1 },
      ],
    };
    expect(signingSecrets(rotating, NOW)).toEqual(['whsec_new', 'whsec_old']);
    expect(signingSecrets(rotating, NOW + 1)).toEqual(['whsec_new']);
  });

  it('never signs with more than three secrets, however many a definition holds: the newest win', () => {
    const hoarded: QueueDefinition = {
      ...queue,
      secrets: [
        { value: 'whsec_0' },
        ...Array.from({ length: 2_000 }, (_, i) => ({
          value: `whsec_${i + 1}`,
          expiresAt: NOW + 7 * 86_400_000,
        })),
      ],
    };
    expect(signingSecrets(hoarded, NOW)).toEqual(['whsec_0', 'whsec_1', 'whsec_2']);
  });
});

describe('publicQueue', () => {
  it('shows everything but the secrets', () => {
    const shown = publicQueue(queue);
    expect(shown).not.toHaveProperty('secrets');
    const { secrets: _secrets, ...rest } = queue;
    // A queue stored before streams reads the tenant's events.
    expect(shown).toEqual({ ...rest, stream: 'events' });
  });
});
