// What every page needs: the API bound to this session, and what the session may do.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Api } from './api';
import type { Session } from './session';

export interface ConsoleContextValue {
  readonly api: Api;
  readonly session: Session;
  /** A read session shows no control that changes anything (the API would refuse it with 403). */
  readonly canChange: boolean;
}

export const ConsoleContext = createContext<ConsoleContextValue | null>(null);

export function useConsole(): ConsoleContextValue {
  const value = useContext(ConsoleContext);
  if (!value) throw new Error('useConsole outside the signed-in console');
  return value;
}
