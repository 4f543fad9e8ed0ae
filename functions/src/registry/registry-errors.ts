// The errors of the xRegistry API, in the form its HTTP binding defines (RFC
// 9457 problem details: type, title, subject) beside eventq's own {code,
// detail}, so that both an xRegistry client and an eventq client read them.
import { EventqError } from '../errors';

const CORE = 'https://github.com/xregistry/spec/blob/main/core/spec.md';
const HTTP = 'https://github.com/xregistry/spec/blob/main/core/http.md';

export class XRegistryError extends EventqError {
  override readonly code: string;
  override readonly status: number;

  constructor(
    readonly problem: {
      readonly status: number;
      readonly code: string;
      readonly type: string;
      readonly title: string;
      readonly subject: string;
      readonly args?: Readonly<Record<string, string>>;
    },
  ) {
    super(problem.title);
    this.code = problem.code;
    this.status = problem.status;
  }

  override toJSON(): { code: string; detail: string } & Record<string, unknown> {
    const { type, title, subject, args } = this.problem;
    return { code: this.code, detail: this.detail, type, title, subject, ...(args && { args }) };
  }
}

/** A request for an entity that does not exist; `xid` is the entity's. */
export const notFound = (xid: string): XRegistryError =>
  new XRegistryError({
    status: 404,
    code: 'ERR_NOT_FOUND',
    type: `${CORE}#not_found`,
    title: `The targeted entity (${xid}) cannot be found.`,
    subject: xid,
  });

/** A path under /registry that names no API of the registry. */
export const apiNotFound = (path: string): XRegistryError =>
  new XRegistryError({
    status: 404,
    code: 'ERR_NOT_FOUND',
    type: `${HTTP}#api_not_found`,
    title: `The specified API is not supported: ${path}.`,
    subject: path,
  });

/** The registry is read-only: every method but GET. The caller sets Allow. */
export const actionNotSupported = (method: string, path: string): XRegistryError =>
  new XRegistryError({
    status: 405,
    code: 'ERR_METHOD_NOT_ALLOWED',
    type: `${CORE}#action_not_supported`,
    title: `The specified action (${method}) is not supported for: ${path}.`,
    subject: path,
    args: { action: method },
  });

export const badInline = (path: string, value: string, detail: string): XRegistryError =>
  new XRegistryError({
    status: 400,
    code: 'ERR_MALFORMED_REQUEST',
    type: `${CORE}#bad_inline`,
    title: `For "${path}", an error was found in "inline" value (${value}): ${detail}.`,
    subject: path,
    args: { value, error_detail: detail },
  });

export const badDetails = (path: string): XRegistryError =>
  new XRegistryError({
    status: 400,
    code: 'ERR_MALFORMED_REQUEST',
    type: `${CORE}#bad_details`,
    title: `Use of "$details" in this context is not allowed: ${path}.`,
    subject: path,
  });
