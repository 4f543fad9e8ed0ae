// The dispatch function: the only target of push subscriptions. This file only
// wires (create-dispatch.ts); what happens to a push is in handle-push.ts.
import { parseDispatchConfig } from '../config/dispatch-config';
import { runBeforeSignal } from '../stats/stats-flusher';
import { STORE_DEADLINE_MS } from '../store/firestore-client';
import { createDispatch } from './create-dispatch';

const app = createDispatch(parseDispatchConfig());
// The counters and the message log: what this instance has not written yet.
runBeforeSignal('SIGTERM', app.flushAll, STORE_DEADLINE_MS);

export const dispatch = app.handle;
