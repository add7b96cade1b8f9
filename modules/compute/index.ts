export * from './compute-ref';
// The platform vocabulary and the instance type names are defined once, in core and capacity.
export { CpuArchitecture, OsFamily } from '../core/platform';
export { architectureOfInstanceType, isWellFormedInstanceType } from '../capacity/instance-type';
export * from './user-data';
export * from './ami';
export * from './capacity-provider-rules';
export * from './cluster';
export * from './ec2-capacity-provider';
export * from './imported';
export * from './mixed-instances';
