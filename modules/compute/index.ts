export * from './compute-ref';
export * from './instance-architecture';
export * from './user-data';
export * from './ami';
export * from './capacity-provider-rules';
export * from './cluster';
export * from './ec2-capacity-provider';
export * from './imported';
