// The console's frame: sign-in first (session.ts), then the navigation and
// the page the hash names. A 401 from the API at any point ends the session
// and shows the signed-out state.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { createApi } from './api';
import { ConsoleContext } from './console-context';
import { CreateQueuePage } from './pages/create-queue-page';
import { EventPage } from './pages/event-page';
import { EventTypesPage } from './pages/event-types-page';
import { QueuePage } from './pages/queue-page';
import { QueuesPage } from './pages/queues-page';
import { hrefOf, type Route, useRoute } from './router';
import { forgetSession, type Session, type SignedOut, signIn } from './session';

function SignedOutPage({ state }: { readonly state: SignedOut }) {
  return (
    <main id="main" class="signed-out">
      <h1>Sign in to the eventq console</h1>
      {state.reason === 'refused' ? (
        <p class="error" role="alert">
          {state.detail}
        </p>
      ) : null}
      {state.reason === 'expired' ? <p role="alert">Your console session has ended.</p> : null}
      <p>
        Open the console with a link from your platform, or print one with <code>eventq console</code>. Each
        link works once.
      </p>
    </main>
  );
}

function Page({ route }: { readonly route: Route }) {
  switch (route.page) {
    case 'queues':
      return <QueuesPage />;
    case 'create-queue':
      return <CreateQueuePage />;
    case 'queue':
      return <QueuePage name={route.name} />;
    case 'event':
      return <EventPage queue={route.queue} webhookId={route.webhookId} />;
    case 'event-types':
      return <EventTypesPage />;
  }
}

function SignedIn({ session, onSignedOut }: { readonly session: Session; readonly onSignedOut: () => void }) {
  const route = useRoute();
  const value = useMemo(
    () => ({ api: createApi(session.token, onSignedOut), session, canChange: session.access === 'manage' }),
    [session, onSignedOut],
  );
  const current = (page: Route['page']) => (route.page === page ? 'page' : undefined);
  return (
    <ConsoleContext.Provider value={value}>
      <a class="skip" href="#main">
        Skip to the page
      </a>
      <header class="top">
        <span class="brand">eventq</span>
        <nav aria-label="Console">
          <a
            href={hrefOf({ page: 'queues' })}
            aria-current={current('queues') ?? current('queue') ?? current('event')}
          >
            Queues
          </a>
          <a href={hrefOf({ page: 'event-types' })} aria-current={current('event-types')}>
            Event types
          </a>
        </nav>
        <span class="who">
          {session.tenant}
          {session.access === 'read' ? <span class="badge read">read-only</span> : null}
        </span>
      </header>
      <main id="main" tabIndex={-1}>
        <Page route={route} />
      </main>
    </ConsoleContext.Provider>
  );
}

export function App() {
  const [state, setState] = useState<Session | SignedOut | undefined>();
  useEffect(() => {
    signIn().then(setState, (error: unknown) => setState({ reason: 'refused', detail: String(error) }));
  }, []);
  const onSignedOut = useMemo(
    () => () => {
      forgetSession();
      setState({ reason: 'expired' });
    },
    [],
  );
  if (!state) return <p class="loading">Signing in…</p>;
  if ('token' in state) return <SignedIn session={state} onSignedOut={onSignedOut} />;
  return <SignedOutPage state={state} />;
}
