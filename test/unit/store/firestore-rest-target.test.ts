import { EventqError, InternalError, UnavailableError } from '../../../functions/src/errors';
import {
  firestoreAnswerError,
  firestoreRestTarget,
} from '../../../functions/src/store/firestore-rest-reader';
import { decodeFirestoreValue } from '../../../functions/src/store/firestore-value';

describe('firestoreRestTarget', () => {
  it('talks to the emulator the configuration names, over http', () => {
    expect(
      firestoreRestTarget('p', '(default)', { firestoreEmulatorHost: '127.0.0.1:8080', metadataHost: 'm' }),
    ).toEqual({
      origin: 'http://127.0.0.1:8080',
      documentsPath: '/v1/projects/p/databases/(default)/documents',
      emulator: true,
      metadataHost: 'm',
    });
  });

  it('talks to Firestore, with tokens from the configured metadata server, when no emulator is named', () => {
    expect(
      firestoreRestTarget('p', 'db', { firestoreEmulatorHost: undefined, metadataHost: '127.0.0.1:9' }),
    ).toMatchObject({
      origin: 'https://firestore.googleapis.com',
      emulator: false,
      metadataHost: '127.0.0.1:9',
    });
  });
});

describe('the REST adapter errors', () => {
  it('are EventqErrors: a Firestore answer that is not the document is retryable, keeping its status', () => {
    const error = firestoreAnswerError('Firestore', 500, 'boom');
    expect(error).toBeInstanceOf(UnavailableError);
    expect(error).toMatchObject({ status: 503, code: 'ERR_UNAVAILABLE', firestoreStatus: 500 });
  });

  it('are EventqErrors: a value the decoder cannot read is an internal error', () => {
    let thrown: unknown;
    try {
      decodeFirestoreValue({ vectorValue: {} });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(EventqError);
    expect(thrown).toBeInstanceOf(InternalError);
  });
});
