export * from './account-settings';
export * from './trunking-opt-in';
