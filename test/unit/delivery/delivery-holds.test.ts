import { DeliveryHolds } from '../../../functions/src/delivery/delivery-holds';

describe('DeliveryHolds', () => {
  it('holds a queue until the time passes, then lets it deliver', () => {
    const holds = new DeliveryHolds();
    holds.hold('acme/orders', 2_000);
    expect(holds.heldUntil('acme/orders', 1_000)).toBe(2_000);
    expect(holds.heldUntil('acme/other', 1_000)).toBeUndefined();
    expect(holds.heldUntil('acme/orders', 2_000)).toBeUndefined();
  });

  it('keeps the later of two holds', () => {
    const holds = new DeliveryHolds();
    holds.hold('q', 5_000);
    holds.hold('q', 3_000);
    expect(holds.heldUntil('q', 4_000)).toBe(5_000);
  });

  it('forgets the oldest queue beyond its bound', () => {
    const holds = new DeliveryHolds(2);
    holds.hold('a', 10);
    holds.hold('b', 10);
    holds.hold('c', 10);
    expect(holds.heldUntil('a', 0)).toBeUndefined();
    expect(holds.heldUntil('c', 0)).toBe(10);
  });
});
