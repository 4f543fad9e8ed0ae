// Entry point for the Functions Framework and Cloud Functions. Each function is
// a lazy getter, so that serving `dispatch` never loads the api's code (and the
// reverse): cold start pays only for the function it runs.

Object.defineProperty(exports, 'dispatch', {
  enumerable: true,
  get: () => (require('./dispatch/index') as typeof import('./dispatch/index')).dispatch,
});

Object.defineProperty(exports, 'api', {
  enumerable: true,
  get: () => (require('./api/index') as typeof import('./api/index')).api,
});
