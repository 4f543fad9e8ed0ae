// Run after every integration test file (jest setupFilesAfterEnv): what a
// file created on the shared stack and left there is removed.
import { deleteCreatedQueues } from './stack';

afterAll(async () => {
  await deleteCreatedQueues();
});
