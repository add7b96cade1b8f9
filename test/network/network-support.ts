/** Helpers shared by the Network construct's specifications: synthesize one, find its resources. */
import { Network, NetworkProps } from '../../modules/network';
import { newTestStack, resourcesOfType, synthJson, type TerraformBlock, TerraformJson } from '../support/synth';

/** Synthesizes a stack with one Network (id `network`). */
export function synth(props?: NetworkProps): { json: TerraformJson; network: Network } {
  const { app, stack } = newTestStack();
  const network = new Network(stack, 'network', props);
  return { json: synthJson(app), network };
}

/** Every resource of a type. */
export const values = (json: TerraformJson, type: string): TerraformBlock[] =>
  Object.values(resourcesOfType(json, type));
/** A reference `${type.name.attr}` to the resource whose id contains `idPart`. */
export const ref = (json: TerraformJson, type: string, idPart: string, attr = 'id'): string => {
  const name = Object.keys(resourcesOfType(json, type)).find((n) => n.includes(`_${idPart}_`));
  if (!name) throw new Error(`no ${type} with id ${idPart}`);
  return `\${${type}.${name}.${attr}}`;
};
/** The resource of a type whose id contains `idPart`. */
export const byId = (json: TerraformJson, type: string, idPart: string): TerraformBlock => {
  const entry = Object.entries(resourcesOfType(json, type)).find(([n]) => n.includes(`_${idPart}_`));
  if (!entry) throw new Error(`no ${type} with id ${idPart}`);
  return entry[1];
};
