export * from './validation-error';
export * from './tokens';
export * from './suggest';
