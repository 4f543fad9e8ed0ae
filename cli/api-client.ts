// The tenant API as the CLI calls it: JSON in and out, errors as `code: detail`.
import type { ApiTarget } from './cli-config';
import { CliError, ExitCode } from './cli-error';

export async function apiRequest<T = unknown>(
  target: ApiTarget,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`${target.apiUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${target.token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    throw new CliError(
      `cannot reach the API at ${target.apiUrl}: ${(error as Error).message}`,
      ExitCode.Config,
    );
  }
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!res.ok) {
    const error = parsed as { code?: string; detail?: string } | undefined;
    throw new CliError(
      error?.code ? `${error.code}: ${error.detail ?? ''}` : `HTTP ${res.status}: ${text.slice(0, 200)}`,
    );
  }
  return parsed as T;
}
