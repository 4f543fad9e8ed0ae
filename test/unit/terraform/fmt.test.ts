// terraform fmt is the formatter of terraform/, as biome is of the TypeScript.
import { spawnSync } from 'node:child_process';
import { TERRAFORM_DIR } from './terraform-config';

describe('terraform formatting', () => {
  it('leaves every .tf file under terraform/ as terraform fmt writes it', () => {
    const run = spawnSync('terraform', ['fmt', '-check', '-recursive', TERRAFORM_DIR], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    if (run.error) throw run.error;
    // stdout lists the files that fmt would change.
    expect({ status: run.status, unformatted: run.stdout.trim() }).toEqual({ status: 0, unformatted: '' });
  });
});
