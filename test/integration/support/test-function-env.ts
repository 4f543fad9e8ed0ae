// The environment a test's own dispatch or api process shares with the stack's:
// the same emulators and project, production mode, and a signing key of its own.
import { exportJWK, generateKeyPair } from 'jose';
import { stack } from './stack';

export async function testFunctionEnv(apiUrl: string): Promise<NodeJS.ProcessEnv> {
  const info = stack();
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const signingJwk = {
    ...(await exportJWK(privateKey)),
    kid: `test-${Date.now().toString(36)}`,
    alg: 'ES256',
  };
  return {
    ...process.env,
    NODE_ENV: 'production',
    METADATA_SERVER_DETECTION: 'none',
    PUBSUB_EMULATOR_HOST: info.pubsubEmulatorHost,
    FIRESTORE_EMULATOR_HOST: info.firestoreEmulatorHost,
    EVENTQ_PROJECT_ID: info.projectId,
    EVENTQ_API_URL: apiUrl,
    EVENTQ_SIGNING_KEYS: JSON.stringify([signingJwk]),
  };
}
