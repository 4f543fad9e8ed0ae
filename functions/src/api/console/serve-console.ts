// The console's part of the api (same origin, so no CORS): its page at
// /console/, its content-hashed assets under /console/assets/, and the
// sign-in exchange POST /console/session, which trades a portal link's
// one-time code for a session token. Anything else is left to the API.
//
// The session token is a bearer token the console keeps in memory (and in
// sessionStorage, so that a reload of the tab stays signed in), sent as
// `Authorization: Bearer eqs_…`. No cookie: a browser attaches nothing by
// itself, so a page of another site cannot make a request with the session
// (no CSRF), and the console works embedded in the platform's app, where a
// SameSite=Strict cookie would not be sent and third-party cookies are blocked.
import type { Request, Response } from '@google-cloud/functions-framework';
import {
  EventqError,
  MethodNotAllowedError,
  NotFoundError,
  UnauthenticatedError,
  UnavailableError,
  ValidationError,
} from '../../errors';
import type { PortalSessionStore } from '../../store/portal-session-store';
import { checkBody } from '../check-body';
import type { ConsoleFiles } from './console-assets';
import { consoleHeaders } from './console-headers';

export interface ConsoleContext {
  readonly files: () => ConsoleFiles;
  readonly portalSessions: PortalSessionStore;
  readonly now: () => number;
  readonly frameAncestors: readonly string[];
}

const ASSET_PATH = /^\/console\/(assets\/[A-Za-z0-9._-]+)$/;
const CODE = /^eqc_[A-Za-z0-9_-]{43}$/;
const USED_OR_EXPIRED = 'this console link has been used or has expired: ask for a new one (eventq console)';

function sendError(res: Response, error: EventqError): void {
  res.set('cache-control', 'no-store');
  res.status(error.status).json(error.toJSON());
}

async function exchange(req: Request, res: Response, context: ConsoleContext): Promise<void> {
  checkBody(req);
  const code = (req.body as { code?: unknown } | undefined)?.code;
  if (typeof code !== 'string')
    throw new ValidationError('code: the one-time code of a console link is required');
  const session = CODE.test(code) ? await context.portalSessions.exchange(code, context.now()) : undefined;
  if (!session) throw new UnauthenticatedError(USED_OR_EXPIRED);
  res.set('cache-control', 'no-store');
  res.status(200).json(session);
}

function sendFile(req: Request, res: Response, context: ConsoleContext, file: string, immutable: boolean) {
  const found = context.files()?.get(file);
  if (!found) {
    if (file === 'index.html') {
      throw new UnavailableError('the console is not built here: run `npm run build`');
    }
    throw new NotFoundError(`no console file ${file}`);
  }
  res.set(consoleHeaders(context.frameAncestors));
  res.set('content-type', found.contentType);
  res.set('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
  res.set('vary', 'accept-encoding');
  if (req.acceptsEncodings('gzip') === 'gzip') {
    res.set('content-encoding', 'gzip');
    res.status(200).send(found.gzipped);
  } else res.status(200).send(found.body);
}

/** Handles the request when it is the console's; false when it is the API's. */
export async function serveConsole(req: Request, res: Response, context: ConsoleContext): Promise<boolean> {
  if (req.path !== '/console' && !req.path.startsWith('/console/')) return false;
  try {
    if (req.method === 'POST' && req.path === '/console/session') await exchange(req, res, context);
    else if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.set('allow', 'GET');
      sendError(res, new MethodNotAllowedError(`${req.method} is not allowed on the console; use GET`));
    } else if (req.path === '/console') res.redirect(301, '/console/');
    else if (req.path === '/console/' || req.path === '/console/index.html')
      sendFile(req, res, context, 'index.html', false);
    else {
      const asset = ASSET_PATH.exec(req.path)?.[1];
      if (asset) sendFile(req, res, context, asset, true);
      else throw new NotFoundError(`no console page ${req.path}: the console is at /console/`);
    }
  } catch (error) {
    if (!(error instanceof EventqError)) throw error;
    sendError(res, error);
  }
  return true;
}
