// The Subscriptions API's document answers an invalid request with 400
// (subscriptions-openapi.yaml: "Invalid or malformed request"), where the rest
// of the api answers 422. The same refusal keeps its code and detail; only the
// status follows the document.
import { EventqError } from '../../errors';

/** A 422 refusal (a rule, the sink, a limit) as the Subscriptions API answers it. */
export class SubscriptionRequestRefused extends EventqError {
  override readonly code: string;
  override readonly status = 400;

  constructor(refusal: EventqError) {
    super(refusal.detail, { cause: refusal });
    this.code = refusal.code;
  }
}

/** The request schemas of the Subscriptions API's routes: their refusals are 400. */
export const SUBSCRIPTION_REQUEST_SCHEMAS: ReadonlySet<string> = new Set([
  'SubscriptionRequest',
  'Subscription',
]);

/** Runs `work`, answering each 422 it throws as the document's 400. */
export async function refusedAs400<T>(work: () => T | Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof EventqError && error.status === 422) throw new SubscriptionRequestRefused(error);
    throw error;
  }
}

/** The synchronous form, for the body check before the handler (validate-request.ts). */
export function refusedAs400Now<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof EventqError && error.status === 422) throw new SubscriptionRequestRefused(error);
    throw error;
  }
}

/** The api's error answers for /openapi.json as the Subscriptions API gives them: no 422, a wider 400. */
export function subscriptionsApiErrors(errors: Record<string, string>): Record<string, string> {
  const { '422': rules, ...rest } = errors;
  return {
    ...rest,
    '400': `Malformed request, or one that breaks a rule (the rest of the api: 422): ${rules}`,
  };
}
