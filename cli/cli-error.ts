// The CLI's failures and its documented exit codes.

export const ExitCode = {
  Ok: 0,
  /** The API answered with an error (printed as `code: detail`). */
  ApiError: 1,
  /** The command line was wrong. */
  Usage: 2,
  /** No API, token or project could be found, or the API could not be reached. */
  Config: 3,
} as const;

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = ExitCode.ApiError,
  ) {
    super(message);
  }
}
