/**
 * The container `user` forms that run as root (pure). Docker reads `user[:group]`; a numeric user is
 * parsed as an integer (Go's strconv.Atoi: leading zeros and a sign are accepted), so `0`, `00`,
 * `+0`, `0:0`, `00:0`, `root`, `root:0` and `root:anything` all run as uid 0.
 */

const NUMERIC = /^[+-]?\d+$/;

/** True when `user` (a container definition's `user`) makes the process run as uid 0. */
export function isRootUser(user: string): boolean {
  const name = user.trim().split(':')[0]!;
  if (name === 'root') return true;
  return NUMERIC.test(name) && Number(name) === 0;
}
