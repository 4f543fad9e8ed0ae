// The sample event of the filter tester and the router: a structured-mode
// CloudEvent (JSON), held to the same CloudEvents 1.0 rules dispatch applies,
// so that what the tester says is what delivery would do.
import type { CloudEvent } from '../../cloudevents/cloudevent';
import { fromStructuredJson } from '../../cloudevents/json-format';
import { validateCloudEvent } from '../../cloudevents/validate-cloudevent';
import { EventqError, ValidationError } from '../../errors';

export function parseSampleEvent(input: unknown): CloudEvent {
  try {
    const event = fromStructuredJson(input);
    validateCloudEvent(event);
    return event;
  } catch (error) {
    if (error instanceof EventqError) throw new ValidationError(`event: ${error.detail}`, { cause: error });
    throw error;
  }
}
