export * from './validation-error';
export * from './tokens';
export * from './suggest';
export * from './aws-context';
export * from './log-retention';
export * from './policy-suppression';
export * from './hcl';
