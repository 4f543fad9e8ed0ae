// Firestore's typed Value JSON (the REST API's `Document.fields`) to plain
// JavaScript values, as the Node client's `snapshot.data()` gives them, so
// that a document read over REST is the same object as one read with the
// client. Where the client returns its own classes, this returns their plain
// form: a Timestamp as its RFC 3339 string, a DocumentReference as its
// resource name, a GeoPoint as {latitude, longitude}. Pure: no I/O.

import { InternalError } from '../errors';

/** One Firestore Value as the REST API writes it: exactly one member is set. */
export type FirestoreValue = Readonly<Record<string, unknown>>;

export type FirestoreFields = Readonly<Record<string, FirestoreValue>>;

/** A value this decoder cannot read: a bug, or a document written by other means than eventq. */
export class FirestoreValueError extends InternalError {}

function setField(out: Record<string, unknown>, key: string, value: unknown): void {
  // A plain assignment to "__proto__" would replace the prototype instead of adding a field.
  if (key === '__proto__') {
    Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    out[key] = value;
  }
}

function decodeDouble(value: unknown): number {
  if (typeof value === 'number') return value;
  // JSON has no NaN or infinities: the API writes them as strings.
  if (value === 'NaN') return Number.NaN;
  if (value === 'Infinity') return Number.POSITIVE_INFINITY;
  if (value === '-Infinity') return Number.NEGATIVE_INFINITY;
  throw new FirestoreValueError(`doubleValue ${JSON.stringify(value)} is not a number`);
}

function decodeInteger(value: unknown): number {
  // int64 travels as a decimal string; the Node client returns a number too (precision beyond 2^53 is lost there as here).
  const n = typeof value === 'string' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n)) {
    throw new FirestoreValueError(`integerValue ${JSON.stringify(value)} is not an integer`);
  }
  return n;
}

export function decodeFirestoreValue(value: FirestoreValue): unknown {
  for (const kind in value) {
    const v = value[kind];
    switch (kind) {
      case 'nullValue':
        return null;
      case 'booleanValue':
        return v === true;
      case 'stringValue':
        return String(v);
      case 'integerValue':
        return decodeInteger(v);
      case 'doubleValue':
        return decodeDouble(v);
      case 'timestampValue':
      case 'referenceValue':
        return String(v);
      case 'bytesValue':
        return Buffer.from(String(v), 'base64');
      case 'geoPointValue': {
        const point = v as { latitude?: number; longitude?: number };
        return { latitude: point.latitude ?? 0, longitude: point.longitude ?? 0 };
      }
      case 'arrayValue': {
        // An empty array is written as {} (no "values").
        const values = (v as { values?: FirestoreValue[] }).values ?? [];
        return values.map(decodeFirestoreValue);
      }
      case 'mapValue':
        return decodeFirestoreFields((v as { fields?: FirestoreFields }).fields ?? {});
      default:
        throw new FirestoreValueError(`unsupported Firestore value type "${kind}"`);
    }
  }
  throw new FirestoreValueError('a Firestore value has no type');
}

/** A document's (or map's) fields as a plain object. */
export function decodeFirestoreFields(fields: FirestoreFields): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key in fields) setField(out, key, decodeFirestoreValue(fields[key]!));
  return out;
}
