// Why a list of filters takes or refuses an event, for people: the first
// filter that refuses it (by its path in the list, as validateFilters names
// paths) and the errors every sql filter met on the event. The verdict is
// matchesFilters' own; this only adds the explanation, off the push path.
import type { CloudEvent } from '../cloudevents/cloudevent';
import type { CesqlErrorKind } from './cesql/cesql-error';
import type { Filter } from './filter';
import { matchesFilters } from './matches-filters';
import { evaluateSqlFilter } from './sql-filter';

export interface SqlFilterError {
  /** The sql filter that erred, e.g. `filters[1].any[0].sql`. */
  readonly filter: string;
  readonly kind: CesqlErrorKind;
  readonly detail: string;
}

export interface FilterVerdict {
  readonly matches: boolean;
  /** The first top-level filter that refused the event, e.g. `filters[1]`. */
  readonly refusedBy?: string;
  /** Errors of the sql filters on this event (each makes its filter refuse). */
  readonly errors: readonly SqlFilterError[];
}

function collectSqlErrors(event: CloudEvent, filter: Filter, path: string, out: SqlFilterError[]): void {
  if ('sql' in filter) {
    for (const error of evaluateSqlFilter(event, filter).errors)
      out.push({ filter: `${path}.sql`, ...error });
  } else if ('all' in filter || 'any' in filter) {
    const [dialect, list] = 'all' in filter ? ['all', filter.all] : ['any', filter.any];
    list.forEach((inner, i) => {
      collectSqlErrors(event, inner, `${path}.${dialect}[${i}]`, out);
    });
  } else if ('not' in filter) {
    collectSqlErrors(event, filter.not, `${path}.not`, out);
  }
}

export function explainFilters(
  event: CloudEvent,
  filters: readonly Filter[],
  name = 'filters',
): FilterVerdict {
  const errors: SqlFilterError[] = [];
  let refusedBy: string | undefined;
  filters.forEach((filter, i) => {
    const path = `${name}[${i}]`;
    collectSqlErrors(event, filter, path, errors);
    if (refusedBy === undefined && !matchesFilters(event, [filter])) refusedBy = path;
  });
  return { matches: refusedBy === undefined, ...(refusedBy ? { refusedBy } : {}), errors };
}
