export * from './topology';
export * from './dot';
export * from './render';
export { ResourceIndex, referencesIn, shortExpression, cidrSubnet } from './terraform-json';
export type { ResourceEntry, ResourceReference, JsonObject } from './terraform-json';
