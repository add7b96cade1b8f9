export * from './network-ref';
export { AWS_RESERVED_ADDRESSES_PER_SUBNET } from '../core/cidr';
export {
  DEFAULT_AVAILABILITY_ZONE_COUNT,
  DEFAULT_SUBNET_PREFIX_LENGTH,
  DEFAULT_VPC_CIDR,
  MAX_SUBNET_PREFIX_LENGTH,
  MAX_VPC_PREFIX_LENGTH,
  MIN_VPC_PREFIX_LENGTH,
} from './address-checks';
export { AddressLayout, SubnetTier } from './address-layouts';
export { addressCount, cidrContains, cidrsOverlap, planAddresses, usableAddressCount } from './address-plan';
export type { AddressPlan, AddressPlanProps, PlannedSubnet } from './address-plan';
export { planNetwork } from './network-plan';
export type { NetworkPlan, NetworkPlanProps, PlannedNatGateway, PlannedPrivateRoute } from './network-plan';
export {
  VpcEndpointService,
  VpcEndpointSets,
  endpointServiceName,
  hasEndpoint,
  isGatewayEndpoint,
  missingEndpoints,
} from './vpc-endpoints';
export { ImportedNetwork } from './imported-network';
export type { NetworkAttributes } from './imported-network';
export {
  DEFAULT_FLOW_LOG_RETENTION_DAYS,
  DEFAULT_NAME_PREFIX,
  FLOW_LOG_RETENTION_DAYS_ALLOWED,
  Network,
} from './network';
export type { NetworkProps } from './network';
