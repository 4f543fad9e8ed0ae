// CloudEvents 1.0 context-attribute rules (spec.md "Context Attributes" and
// "Type System"). Every problem is collected, so that a publisher learns all
// of them from one rejected event instead of fixing them one at a time.

import { InvalidCloudEventError } from '../errors';
import {
  MAX_ATTRIBUTE_KEY_BYTES,
  MAX_ATTRIBUTE_VALUE_BYTES,
  MAX_ATTRIBUTES,
} from '../pubsub/attribute-limits';
import { type CloudEvent, type CloudEventAttributeValue, REQUIRED_ATTRIBUTES } from './cloudevent';
import { isMediaType } from './media-type';
import { isRfc3339Timestamp } from './rfc3339';
import { isAbsoluteUri, isUriReference } from './uri-reference';

// The type system forbids, in String values: control characters
// (U+0000-U+001F, U+007F-U+009F), Unicode noncharacters and unpaired surrogates.
const FORBIDDEN_STRING_CHAR = /[\p{Cc}\p{Cs}\p{Noncharacter_Code_Point}]/u;

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

/** Names are [a-z0-9]+. "SHOULD NOT exceed 20 characters" is advice, so longer names pass. */
export function isAttributeName(name: string): boolean {
  if (name.length === 0) return false;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (!((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39))) return false;
  }
  return true;
}

function quote(value: string): string {
  return JSON.stringify(value.length > 64 ? `${value.slice(0, 64)}…` : value);
}

/** The problem with a String-typed value, if any. */
function stringProblem(name: string, value: CloudEventAttributeValue, nonEmpty: boolean): string | undefined {
  if (typeof value !== 'string') return `attribute "${name}" must be a string`;
  if (nonEmpty && value.length === 0) return `attribute "${name}" must not be empty`;
  // Pub/Sub's own bound on an attribute, applied to structured-mode events too: beyond it a
  // value is no header a sink would take, and percent-encoding it would hold the thread.
  if (value.length * 3 > MAX_ATTRIBUTE_VALUE_BYTES && Buffer.byteLength(value) > MAX_ATTRIBUTE_VALUE_BYTES) {
    return `attribute "${name}" is longer than ${MAX_ATTRIBUTE_VALUE_BYTES} bytes`;
  }
  if (FORBIDDEN_STRING_CHAR.test(value)) {
    return `attribute "${name}" contains a control character, noncharacter or unpaired surrogate`;
  }
  return undefined;
}

function attributeProblem(name: string, value: CloudEventAttributeValue): string | undefined {
  switch (name) {
    case 'id':
    case 'type':
    case 'subject':
      return stringProblem(name, value, true);
    case 'specversion':
      if (value === '1.0') return undefined;
      return typeof value === 'string'
        ? `attribute "specversion" must be "1.0", got ${quote(value)}`
        : 'attribute "specversion" must be the string "1.0"';
    case 'source':
      return (
        stringProblem(name, value, true) ??
        (isUriReference(value as string) ? undefined : 'attribute "source" is not a URI-reference (RFC 3986)')
      );
    case 'dataschema':
      return (
        stringProblem(name, value, true) ??
        (isAbsoluteUri(value as string)
          ? undefined
          : 'attribute "dataschema" is not an absolute URI (RFC 3986)')
      );
    case 'time':
      return (
        stringProblem(name, value, true) ??
        (isRfc3339Timestamp(value as string) ? undefined : 'attribute "time" is not an RFC 3339 timestamp')
      );
    case 'datacontenttype':
      return (
        stringProblem(name, value, true) ??
        (isMediaType(value as string)
          ? undefined
          : 'attribute "datacontenttype" is not a media type (type/subtype with optional ;parameters)')
      );
    case 'data':
      return 'attribute name "data" is reserved';
    default:
      return extensionProblem(name, value);
  }
}

/** Extensions may be of any type in the type system; on the wire that is String, Boolean or Integer. */
function extensionProblem(name: string, value: CloudEventAttributeValue): string | undefined {
  switch (typeof value) {
    case 'string':
      return stringProblem(name, value, false);
    case 'boolean':
      return undefined;
    case 'number':
      return Number.isInteger(value) && value >= INT32_MIN && value <= INT32_MAX
        ? undefined
        : `attribute "${name}" must be an integer between -2147483648 and 2147483647`;
    default:
      return `attribute "${name}" must be a string, boolean or integer`;
  }
}

const NO_PROBLEMS: readonly string[] = Object.freeze([]);

/** The list of problems, empty when the event is valid. */
export function cloudEventProblems(event: CloudEvent): readonly string[] {
  const attributes = event.attributes;
  // Allocated on the first problem only: valid events are the hot path.
  let problems: string[] | undefined;
  const report = (problem: string): void => {
    if (problems === undefined) problems = [problem];
    else problems.push(problem);
  };
  for (const name of REQUIRED_ATTRIBUTES) {
    if (attributes[name] === undefined) report(`missing required attribute "${name}"`);
  }
  let count = 0;
  for (const name in attributes) {
    if (++count === MAX_ATTRIBUTES + 1) report(`an event has more than ${MAX_ATTRIBUTES} attributes`);
    if (!isAttributeName(name)) {
      report(`attribute name ${quote(name)} must consist of lowercase letters a-z and digits 0-9`);
      continue;
    }
    // `ce-<name>` must fit Pub/Sub's 256-byte attribute key.
    if (name.length > MAX_ATTRIBUTE_KEY_BYTES - 3) {
      report(`attribute name ${quote(name)} is longer than ${MAX_ATTRIBUTE_KEY_BYTES - 3} characters`);
      continue;
    }
    const value = attributes[name];
    if (value === undefined) continue;
    const problem = attributeProblem(name, value);
    if (problem !== undefined) report(problem);
  }
  return problems ?? NO_PROBLEMS;
}

/** Throws InvalidCloudEventError listing every rule of CloudEvents 1.0 the event breaks. */
export function validateCloudEvent(event: CloudEvent): void {
  const problems = cloudEventProblems(event);
  if (problems.length > 0) throw new InvalidCloudEventError(problems.join('; '));
}
