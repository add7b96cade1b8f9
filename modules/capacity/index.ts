/**
 * The capacity model (pure: no constructs): ENI facts per instance type from AWS's published limits,
 * cluster and subnet budgets for awsvpc tasks, the trunking pre-flight, the capacity report and the
 * `capacity` command. See docs/capacity.md.
 */
export * from './diagnostics';
export * from './instance-type';
export * from './eni-capacity';
export * from './eni-precondition';
export * from './cluster-budget';
export * from './subnet-budget';
export * from './trunking-preflight';
export * from './report';
export * from './capacity-checks';
export * from './cli';
