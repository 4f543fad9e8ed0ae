// The Subscriptions API's routes, spread into the route table (route-table.ts)
// as the document (subscriptions-openapi.yaml) lays them out: no query
// parameters, PUT to replace, 200 on delete, OPTIONS for discovery. Written
// without the table's Route type, which the table checks them against, so
// that this file and the table do not import each other.
import {
  createSubscription,
  deleteSubscription,
  getSubscription,
  listSubscriptions,
  replaceSubscription,
  subscriptionFeatures,
  subscriptionsFeatures,
} from './subscription-handlers';

export const subscriptionRoutes = [
  {
    method: 'GET',
    path: '/subscriptions',
    summary: "CloudEvents Subscriptions API: the tenant's push queues as subscriptions",
    handler: listSubscriptions,
    responses: { 200: 'SubscriptionList' },
  },
  {
    method: 'POST',
    path: '/subscriptions',
    summary: 'CloudEvents Subscriptions API: create a subscription (a push queue, protocol HTTP)',
    handler: createSubscription,
    request: 'SubscriptionRequest',
    responses: { 201: 'Subscription' },
  },
  {
    method: 'OPTIONS',
    path: '/subscriptions',
    summary: 'CloudEvents Subscriptions API: the methods of /subscriptions (Allow header)',
    handler: subscriptionsFeatures,
    responses: { 200: null },
  },
  {
    method: 'GET',
    path: '/subscriptions/{id}',
    summary: 'CloudEvents Subscriptions API: a subscription (the push queue of that name)',
    handler: getSubscription,
    responses: { 200: 'Subscription' },
  },
  {
    method: 'PUT',
    path: '/subscriptions/{id}',
    summary:
      'CloudEvents Subscriptions API: replace a subscription (absent types, source, filters are removed)',
    handler: replaceSubscription,
    request: 'Subscription',
    responses: { 200: 'Subscription' },
  },
  {
    method: 'DELETE',
    path: '/subscriptions/{id}',
    summary: 'CloudEvents Subscriptions API: delete a subscription and its queue',
    handler: deleteSubscription,
    responses: { 200: null },
  },
  {
    method: 'OPTIONS',
    path: '/subscriptions/{id}',
    summary: 'CloudEvents Subscriptions API: the methods of /subscriptions/{id} (Allow header)',
    handler: subscriptionFeatures,
    responses: { 200: null },
  },
] as const;
