// Steps composed into one pipeline: each step gets what the previous one
// returned, and a PushAnswer from any step ends the push with that answer.
// A step that answers at once is followed at once: no promise is made for it.
import type { Eventually } from '../eventually';
import type { DispatchDeps, PushStep } from './dispatch-deps';
import { PushAnswer } from './push-answer';

export class PushPipeline<In, Out> {
  private constructor(private readonly steps: PushStep<In, Out>) {}

  static startWith<In, Out>(step: PushStep<In, Out>): PushPipeline<In, Out> {
    return new PushPipeline(step);
  }

  /** Named `pipe`, not `then`: a class with `then` would be taken for a promise. */
  pipe<Next>(step: PushStep<Out, Next>): PushPipeline<In, Next> {
    const before = this.steps;
    return new PushPipeline<In, Next>((input, deps) => continueWith(before(input, deps), step, deps));
  }

  run(input: In, deps: DispatchDeps): Eventually<Out | PushAnswer> {
    return this.steps(input, deps);
  }
}

function continueWith<Out, Next>(
  value: Eventually<Out | PushAnswer>,
  step: PushStep<Out, Next>,
  deps: DispatchDeps,
): Eventually<Next | PushAnswer> {
  if (value instanceof Promise) return value.then((v) => (v instanceof PushAnswer ? v : step(v, deps)));
  return value instanceof PushAnswer ? value : step(value, deps);
}
