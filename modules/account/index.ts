export * from './account-settings';
export * from './trunking-opt-in';
export * from './service-linked-role';
