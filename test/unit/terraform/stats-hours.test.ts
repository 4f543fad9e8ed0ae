// What Terraform declares for the hourly delivery counts, compared with the
// code: the TTL policy on the buckets' expiry field, in the collection
// dispatch writes them to, and every counter left unindexed (only hourMs is
// queried, by its automatic single-field index).
import { STAT_COUNTERS } from '../../../functions/src/stats/delivery-counters';
import {
  STATS_HOUR_FIELD,
  STATS_HOUR_TTL_FIELD,
  STATS_HOURS_COLLECTION,
} from '../../../functions/src/stats/hour-buckets';
import {
  blocks,
  Evaluator,
  loadModule,
  resource,
  type TerraformModule,
  variableDefaults,
} from './terraform-config';

let platform: TerraformModule;
beforeAll(async () => {
  platform = await loadModule('modules/platform');
});
const evaluator = () => new Evaluator(platform, { var: variableDefaults(platform) });

describe('the hourly delivery counts in Terraform', () => {
  it('expires buckets with a TTL policy on the field the code writes, in the collection it writes', () => {
    const ttl = resource(platform, 'google_firestore_field', 'stats_hours_ttl');
    expect(evaluator().value(ttl.collection)).toBe(STATS_HOURS_COLLECTION);
    expect(evaluator().value(ttl.field)).toBe(STATS_HOUR_TTL_FIELD);
    expect(blocks(ttl, 'ttl_config')).toHaveLength(1);
    expect(blocks(ttl, 'index_config')).toHaveLength(1);
    expect(ttl.database).toBe(`\${var.firestore.database}`);
  });

  it('leaves every counter unindexed, and the hour that the range query reads indexed', () => {
    const unindexed = platform.locals.stats_hours_unindexed_fields as string[];
    expect([...unindexed].sort()).toEqual([...STAT_COUNTERS].sort());
    expect(unindexed).not.toContain(STATS_HOUR_FIELD);
    const field = resource(platform, 'google_firestore_field', 'stats_hours_unindexed');
    expect(field.for_each).toBe(`\${toset(local.stats_hours_unindexed_fields)}`);
    expect(evaluator().value(field.collection)).toBe(STATS_HOURS_COLLECTION);
  });
});
