// The producer helper builds a valid CloudEvent and refuses, before anything
// is published, events that break CloudEvents rules or the catalog schema.

import { DEVICE_EVENT_TYPES } from '../../../functions/src/catalog/device-event-types';
import { EventCatalog } from '../../../functions/src/catalog/event-catalog';
import { buildCloudEvent } from '../../../functions/src/publish/publish-cloudevent';

const catalog = new EventCatalog(DEVICE_EVENT_TYPES);
const DEVICE = '6c4f8a9e-0b1d-4f53-9a7e-2f1c3d4b5a60';

test('fills id, time and specversion and encodes JSON data with its content type', () => {
  const event = buildCloudEvent(
    { type: 'DEVICE_FIRST_SEEN', source: '/devices/a', data: { deviceUuid: DEVICE } },
    catalog,
  );
  expect(event.attributes.specversion).toBe('1.0');
  expect(String(event.attributes.id)).toMatch(/^[0-9a-f-]{36}$/);
  expect(Date.parse(String(event.attributes.time))).not.toBeNaN();
  expect(event.attributes.datacontenttype).toBe('application/json');
  expect(JSON.parse(event.data!.toString())).toEqual({ deviceUuid: DEVICE });
});

test.each([
  ['a missing deviceUuid', 'DEVICE_FIRST_SEEN', {}, /deviceUuid/],
  ['a deviceUuid that is not a UUID', 'DEVICE_FIRST_SEEN', { deviceUuid: '7f3c' }, /uuid/],
  [
    'an OTA completion without success',
    'DEVICE_OTA_COMPLETED',
    { deviceUuid: DEVICE, correlationId: 'c', target: 'v2' },
    /success/,
  ],
  [
    'an apps state that is not an object',
    'DEVICE_OTA_APPS_STATE_CHANGED',
    { deviceUuid: DEVICE, appsState: 'ok' },
    /appsState/,
  ],
])('refuses %s against the catalog schema', (_what, type, data, detail) => {
  expect(() => buildCloudEvent({ type, source: '/devices/a', data }, catalog)).toThrow(detail);
});

test('accepts a type outside the catalog without checking its data, but still checks CloudEvents rules', () => {
  expect(() =>
    buildCloudEvent({ type: 'com.example.other', source: '/x', data: { any: 1 } }, catalog),
  ).not.toThrow();
  expect(() => buildCloudEvent({ type: 'com.example.other', source: 'has spaces' }, catalog)).toThrow(
    /source/,
  );
});

test('sends bytes as they are, with the given content type', () => {
  const event = buildCloudEvent(
    { type: 'com.example.blob', source: '/x', data: Buffer.from([0, 255]), datacontenttype: 'image/png' },
    catalog,
  );
  expect(event.data).toEqual(Buffer.from([0, 255]));
  expect(event.attributes.datacontenttype).toBe('image/png');
});
