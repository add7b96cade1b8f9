export * from './validation-error';
export * from './tokens';
export * from './suggest';
export * from './aws-context';
export * from './log-retention';
export * from './container-user';
export * from './terraform-templates';
export * from './tags';
