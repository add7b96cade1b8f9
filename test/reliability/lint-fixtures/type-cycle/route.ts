// Fixture of test/reliability/lint-rules.test.ts: the other half of the type-only cycle (see subject.ts).
import type { Subject } from './subject';

export interface Route {
  readonly subject: Subject;
}
