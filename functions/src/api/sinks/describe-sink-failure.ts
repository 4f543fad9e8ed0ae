// Why a request to a sink got no answer, in eventq's words: what the caller
// sees (the :test answer) names the failure, never a raw exception message,
// which can carry internal addresses or library wording.
import { EventqError } from '../../errors';

/** Node's socket and TLS error codes, by what they mean for a sink. */
const BY_CODE: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'the sink refused the connection',
  ECONNRESET: 'the sink closed the connection before answering',
  EPIPE: 'the sink closed the connection before answering',
  ENOTFOUND: "the sink's host name does not resolve",
  EAI_AGAIN: "the sink's host name could not be resolved in time",
  ETIMEDOUT: 'the connection to the sink timed out',
  EHOSTUNREACH: "the sink's address is unreachable",
  ENETUNREACH: "the sink's address is unreachable",
  EPROTO: 'the TLS handshake with the sink failed',
  HPE_INVALID_CONSTANT: 'the sink answered with something that is not HTTP',
};

/** What post-to-sink says when the whole exchange overruns its deadline (its own words already). */
const NO_ANSWER = /^no answer within \d+ ms$/;

export function describeSinkFailure(error: unknown): string {
  if (error instanceof EventqError) return error.detail;
  const message = error instanceof Error ? error.message : '';
  if (NO_ANSWER.test(message)) return `the sink gave ${message}`;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') {
    if (BY_CODE[code]) return BY_CODE[code];
    if (/CERT|SSL|TLS/.test(code)) return "the sink's TLS certificate was not accepted";
    if (code.startsWith('HPE_')) return 'the sink answered with something that is not HTTP';
  }
  return 'the request to the sink failed before it answered';
}
