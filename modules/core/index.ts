export * from './validation-error';
export * from './tokens';
