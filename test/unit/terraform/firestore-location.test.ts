// Firestore next to the functions: dispatch reads a queue definition for
// deliveries (cached, but on every cold instance and cache expiry) and the api
// reads and writes on every request, so a database across an ocean from the
// functions adds its round trip to each of them.
import { loadModule, resource, type TerraformModule } from './terraform-config';
import { passes } from './validation-conditions';

let platform: TerraformModule;
let root: TerraformModule;
let example: TerraformModule;
beforeAll(async () => {
  [platform, root, example] = await Promise.all([
    loadModule('modules/platform'),
    loadModule('.'),
    loadModule('examples/two-tenants'),
  ]);
});

describe("the Firestore database's location", () => {
  it("is the functions' region unless set", () => {
    const database = resource(platform, 'google_firestore_database', 'eventq');
    expect(database.location_id).toBe(`\${coalesce(var.firestore.location, var.region)}`);
    const type = String(platform.variables.firestore!.type);
    expect(type).toMatch(/location\s*=\s*optional\(string\)/);
  });

  it("puts the example's database in the example's region", () => {
    expect(example.modules.eventq!.firestore).toBe(`\${var.firestore}`);
    expect(example.modules.eventq!.region).toBe(`\${var.region}`);
    expect(example.variables.firestore!.default).toEqual({});
    expect(String(example.variables.firestore!.type)).toBe(String(root.variables.firestore!.type));
    expect(passes(root, 'firestore', {}, { region: example.variables.region!.default })).toBe(true);
  });

  it.each<[string, string | null, boolean]>([
    ['europe-west1', null, true],
    ['europe-west1', 'europe-west1', true],
    ['europe-west1', 'eur3', true],
    ['europe-west1', 'nam5', false],
    ['europe-west1', 'europe-west4', false],
    ['us-central1', null, true],
    ['us-central1', 'nam5', true],
    ['us-east4', 'nam7', true],
    ['northamerica-northeast1', 'nam5', true],
    ['us-central1', 'eur3', false],
    ['us-central1', 'europe-west1', false],
    ['asia-northeast1', null, true],
    ['asia-northeast1', 'nam5', false],
    ['asia-northeast1', 'eur3', false],
  ])('with functions in %s, location %s is accepted: %s', (region, location, ok) => {
    for (const module of [platform, root]) {
      expect(passes(module, 'firestore', { location }, { region })).toBe(ok);
    }
  });

  it('does not judge the location of a database that exists already (create = false)', () => {
    for (const module of [platform, root]) {
      expect(
        passes(module, 'firestore', { location: 'nam5', create: false }, { region: 'europe-west1' }),
      ).toBe(true);
      expect(
        passes(module, 'firestore', { location: 'nam5', create: true }, { region: 'europe-west1' }),
      ).toBe(false);
    }
  });
});
