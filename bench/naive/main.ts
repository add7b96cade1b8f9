/**
 * The same design, synthesized the way `cdktf init` and the docs suggest: ts-node compiles (and type
 * checks) the TypeScript at every run, and the provider is imported from its package root, which loads
 * every AWS resource class. Kept for `npm run bench`, case (d); nothing else uses it.
 */
import * as aws from '@cdktf/provider-aws';
import '../../main';

// The root import is the point of this file: keep it from being elided as unused.
if (Object.keys(aws).length === 0) throw new Error('unreachable');
