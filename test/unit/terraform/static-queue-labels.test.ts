// Terraform's static queues are the operator's: they must not carry the label
// by which the api recognises (and may delete) a subscription it created.
import fs from 'node:fs';
import path from 'node:path';
import { MANAGED_BY_API, MANAGED_BY_LABEL } from '../../../functions/src/pubsub/queue-subscriptions';

test("no Terraform file gives a subscription the api's managed-by label", () => {
  const dir = path.join(__dirname, '../../../terraform');
  const files = fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.tf'))
    .map((f) => fs.readFileSync(path.join(dir, f), 'utf8'));
  expect(files.length).toBeGreaterThan(0);
  for (const text of files) {
    expect(text).not.toContain(MANAGED_BY_LABEL);
    expect(text).not.toContain(MANAGED_BY_API);
  }
});
