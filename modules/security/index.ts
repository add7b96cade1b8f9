export * from './port';
export * from './peer';
export * from './rules';
export * from './guarded-security-group';
export * from './container-security-group';
export * from './load-balancer-security-group';
export * from './connections';
