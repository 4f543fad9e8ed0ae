// Who may pull a pull queue: Pub/Sub's own IAM policy on the queue's one
// subscription. eventq mints no keys; it grants the principal the tenant names
// roles/pubsub.subscriber there, and deleting the subscription revokes it.
// The emulator has no IAM and answers UNIMPLEMENTED: that answer is reported,
// not guessed from an emulator flag.
import type { Policy, PubSub } from '@google-cloud/pubsub';
import { UnavailableError, ValidationError } from '../errors';
import { GrpcStatus, grpcCode } from '../grpc-status';
import { withPubsubDeadline } from './pubsub-deadline';

export const SUBSCRIBER_ROLE = 'roles/pubsub.subscriber';
/** Answers of Pub/Sub that this module turns into its own (no IAM; a principal refused). */
const ANSWERED = [GrpcStatus.UNIMPLEMENTED, GrpcStatus.INVALID_ARGUMENT];

export type SubscriptionAccess =
  /** The principal holds roles/pubsub.subscriber on this subscription only. */
  | { readonly kind: 'granted'; readonly principal: string }
  /** IAM works, but nobody was named: only principals with project-wide access can pull. */
  | { readonly kind: 'no-principal' }
  /** This Pub/Sub has no IAM (the emulator): any client that reaches it can pull. */
  | { readonly kind: 'no-iam' };

/** Grants `principal` (`serviceAccount:…`, `user:…`, `group:…`) the subscriber role on one subscription. */
export async function grantSubscriber(
  pubsub: PubSub,
  subscriptionId: string,
  principal: string | undefined,
): Promise<SubscriptionAccess> {
  const iam = pubsub.subscription(subscriptionId).iam;
  try {
    // Read first even without a principal: it is how eventq learns whether IAM exists here.
    const [policy] = await withPubsubDeadline('read the subscription policy', () => iam.getPolicy(), {
      passThrough: ANSWERED,
    });
    if (principal === undefined) return { kind: 'no-principal' };
    const bindings = (policy.bindings ?? []).map((b) => ({ ...b, members: [...(b.members ?? [])] }));
    const binding = bindings.find((b) => b.role === SUBSCRIBER_ROLE);
    if (binding) {
      if (!binding.members.includes(principal)) binding.members.push(principal);
    } else {
      bindings.push({ role: SUBSCRIBER_ROLE, members: [principal] });
    }
    // The etag makes a concurrent change fail instead of being overwritten.
    const updated: Policy = { ...policy, bindings };
    await withPubsubDeadline('set the subscription policy', () => iam.setPolicy(updated), {
      passThrough: ANSWERED,
    });
    return { kind: 'granted', principal };
  } catch (error) {
    const code = grpcCode(error);
    if (code === GrpcStatus.UNIMPLEMENTED) return { kind: 'no-iam' };
    if (code === GrpcStatus.INVALID_ARGUMENT) {
      throw new ValidationError(
        // One message whatever the reason: whether a Google principal exists is not eventq's to tell.
        `principal: could not grant ${SUBSCRIBER_ROLE} to "${principal}"`,
        { cause: error },
      );
    }
    throw new UnavailableError('could not set the access policy of the queue subscription', { cause: error });
  }
}
