// Hash routes: #/queues, #/queues/new, #/queues/<name>,
// #/queues/<name>/events/<webhook-id>, #/event-types. The
// hash keeps every page under the one /console/ document that the api serves.
import { useEffect, useState } from 'preact/hooks';

export type Route =
  | { readonly page: 'queues' }
  | { readonly page: 'create-queue' }
  | { readonly page: 'queue'; readonly name: string }
  | { readonly page: 'event'; readonly queue: string; readonly webhookId: string }
  | { readonly page: 'event-types' };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'event-types') return { page: 'event-types' };
  if (parts[0] === 'queues' && parts[1] === 'new') return { page: 'create-queue' };
  if (parts[0] === 'queues' && parts[1] && parts[2] === 'events' && parts[3])
    return { page: 'event', queue: parts[1], webhookId: parts[3] };
  if (parts[0] === 'queues' && parts[1]) return { page: 'queue', name: parts[1] };
  return { page: 'queues' };
}

export const hrefOf = (route: Route): string => {
  switch (route.page) {
    case 'queues':
      return '#/queues';
    case 'create-queue':
      return '#/queues/new';
    case 'queue':
      return `#/queues/${encodeURIComponent(route.name)}`;
    case 'event':
      return `#/queues/${encodeURIComponent(route.queue)}/events/${encodeURIComponent(route.webhookId)}`;
    case 'event-types':
      return '#/event-types';
  }
};

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(location.hash));
    addEventListener('hashchange', onChange);
    return () => removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
