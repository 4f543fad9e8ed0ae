// Filters are edited as JSON text (the CloudEvents Subscriptions API dialects);
// the API checks them and words the error.
import { ApiError } from './api';

export function parseFilters(text: string): unknown[] | undefined {
  if (text.trim() === '') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ApiError(
      0,
      'ERR_CONSOLE',
      'filters: not valid JSON (a list such as [{"prefix": {"subject": "/devices/"}}])',
    );
  }
  if (!Array.isArray(parsed)) throw new ApiError(0, 'ERR_CONSOLE', 'filters: must be a JSON list of filters');
  return parsed;
}
