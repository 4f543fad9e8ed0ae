// Variables that the platform or the local stack sets, never a deployment:
// the revision an instance runs, and where the emulators and the metadata
// server are. The Google client libraries
// read the emulator hosts by themselves; eventq reads them only where it talks
// to a service without a client (Firestore over REST) or tells a tenant where
// to connect (a pull queue's credentials document).
import { optionalStringVar, platformVar, stringVar } from './config-variable';

export const METADATA_HOST = 'metadata.google.internal';

export const platformVariables = {
  revision: platformVar(
    stringVar('K_REVISION', 'The revision of the function this instance runs (Cloud Run)', 'local'),
  ),
  firestoreEmulatorHost: platformVar(
    optionalStringVar(
      'FIRESTORE_EMULATOR_HOST',
      'host:port of the Firestore emulator; Firestore itself when unset',
    ),
  ),
  pubsubEmulatorHost: platformVar(
    optionalStringVar('PUBSUB_EMULATOR_HOST', 'host:port of the Pub/Sub emulator; Pub/Sub itself when unset'),
  ),
  metadataHost: platformVar(
    stringVar(
      'GCE_METADATA_HOST',
      'host[:port] of the metadata server that gives the service account its access token (as google-auth-library reads it)',
      METADATA_HOST,
    ),
  ),
} as const;
