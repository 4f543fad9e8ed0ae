// A button that runs one API action: it asks first when the step is
// destructive, shows progress while it runs (and is disabled meanwhile), and
// then what came of it, success or the API's error as the API words it.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { ApiError } from '../api';
import { ErrorMessage } from './error-message';

export interface ActionButtonProps<T> {
  readonly label: string;
  readonly busyLabel?: string;
  /** Asked with confirm() before running; the action runs only on OK. */
  readonly confirm?: string;
  readonly run: () => Promise<T>;
  /** What to show after success. */
  readonly result?: (value: T) => ComponentChildren;
  readonly onDone?: (value: T) => void;
  /** What to show beside an error: the part of a long action that was done before it. */
  readonly partial?: () => ComponentChildren;
  readonly variant?: 'primary' | 'danger';
}

export function ActionButton<T>(props: ActionButtonProps<T>) {
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ value: T } | { error: ApiError } | undefined>();
  const click = async () => {
    if (props.confirm && !window.confirm(props.confirm)) return;
    setBusy(true);
    setOutcome(undefined);
    try {
      const value = await props.run();
      setOutcome({ value });
      props.onDone?.(value);
    } catch (error) {
      setOutcome({
        error: error instanceof ApiError ? error : new ApiError(0, 'ERR_CONSOLE', String(error)),
      });
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="action">
      <button type="button" class={props.variant ?? ''} disabled={busy} aria-busy={busy} onClick={click}>
        {busy ? (props.busyLabel ?? `${props.label}…`) : props.label}
      </button>
      <div aria-live="polite">
        {outcome && 'value' in outcome && props.result ? props.result(outcome.value) : null}
        {outcome && 'error' in outcome ? (
          <>
            <ErrorMessage error={outcome.error} />
            {props.partial?.()}
          </>
        ) : null}
      </div>
    </div>
  );
}
