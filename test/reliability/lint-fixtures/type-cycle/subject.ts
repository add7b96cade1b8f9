// Fixture of test/reliability/lint-rules.test.ts: imports route.ts, which imports this file, through
// `import type` only. Excluded from the normal lint run and from tsc.
import type { Route } from './route';

export interface Subject {
  readonly routes: readonly Route[];
}
