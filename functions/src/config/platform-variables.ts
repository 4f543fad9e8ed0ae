// Variables that the platform (Cloud Run, under Cloud Functions gen2) sets by
// itself; a deployment never sets them, so they are kept apart from the specs
// that Terraform's environment blocks are checked against.
import { stringVar } from './config-variable';

export const platformVariables = {
  revision: stringVar('K_REVISION', 'The revision of the function this instance runs', 'local'),
} as const;
