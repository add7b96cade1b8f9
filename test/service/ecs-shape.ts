/**
 * Checks the container definitions of synthesized stacks against the ECS API's own model: the
 * schema objects @aws-sdk/client-ecs ships (`ContainerDefinition$` and the schemas it refers to),
 * walked recursively. Every key must be a member, every value of the member's type, every required
 * member present. Other test suites (stacks, examples) can call `containerDefinitionShapeProblems`
 * on any synthesized stack.
 */
import { resourcesOfType, type TerraformJson } from '../support/synth';

// eslint-disable-next-line @typescript-eslint/no-require-imports
export const ecsSchemas = require('@aws-sdk/client-ecs') as Record<string, unknown>;

type Shape =
  | { kind: 'struct'; name: string; members: Map<string, unknown>; required: number; order: string[] }
  | { kind: 'list'; member: unknown }
  | { kind: 'map'; value: unknown }
  | { kind: 'simple'; type: number };

/** Normalizes one schema reference of @smithy/core's compact schema format. */
export function shapeOf(ref: unknown): Shape {
  if (typeof ref === 'function') return shapeOf(ref());
  if (typeof ref === 'number') {
    if (ref >= 64 && ref < 128) return { kind: 'list', member: ref & 63 };
    if (ref >= 128 && ref <= 255) return { kind: 'map', value: ref & 63 };
    return { kind: 'simple', type: ref };
  }
  if (Array.isArray(ref)) {
    // A member with traits: [schema, traits].
    if (ref.length === 2) return shapeOf(ref[0]);
    switch (ref[0]) {
      case 0:
        return shapeOf(ref[4]);
      case 1:
        return { kind: 'list', member: ref[4] };
      case 2:
        return { kind: 'map', value: ref[5] };
      case 3: {
        const names = ref[4] as string[];
        const types = ref[5] as unknown[];
        return {
          kind: 'struct',
          name: ref[2] as string,
          members: new Map(names.map((n, i) => [n, types[i]])),
          required: (ref[6] as number | undefined) ?? 0,
          order: names,
        };
      }
      default:
        break;
    }
  }
  throw new Error(`unknown schema reference ${String(ref)}`);
}

/** Every mismatch between `value` and the schema `ref`, with its path. */
export function mismatches(value: unknown, ref: unknown, path: string): string[] {
  const shape = shapeOf(ref);
  switch (shape.kind) {
    case 'simple':
      if (shape.type === 0)
        return typeof value === 'string' ? [] : [`${path}: expected a string, got ${JSON.stringify(value)}`];
      if (shape.type === 1)
        return typeof value === 'number' ? [] : [`${path}: expected a number, got ${JSON.stringify(value)}`];
      if (shape.type === 2)
        return typeof value === 'boolean' ? [] : [`${path}: expected a boolean, got ${JSON.stringify(value)}`];
      return [`${path}: unexpected schema type ${shape.type}`];
    case 'list':
      if (!Array.isArray(value)) return [`${path}: expected a list`];
      return value.flatMap((v, i) => mismatches(v, shape.member, `${path}[${i}]`));
    case 'map':
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return [`${path}: expected a map`];
      return Object.entries(value).flatMap(([k, v]) => mismatches(v, shape.value, `${path}.${k}`));
    case 'struct': {
      if (value === null || typeof value !== 'object' || Array.isArray(value))
        return [`${path}: expected a ${shape.name} object`];
      const out: string[] = [];
      for (const [k, v] of Object.entries(value)) {
        if (!shape.members.has(k)) out.push(`${path}.${k}: not a member of ${shape.name}`);
        else out.push(...mismatches(v, shape.members.get(k), `${path}.${k}`));
      }
      for (const required of shape.order.slice(0, shape.required)) {
        if (!(required in (value as object))) out.push(`${path}.${required}: required by ${shape.name}`);
      }
      return out;
    }
  }
}

/** Every container definition of every task definition in a synthesized stack. */
export function containerDefinitionsOf(json: TerraformJson): { address: string; definitions: unknown[] }[] {
  return Object.entries(resourcesOfType(json, 'aws_ecs_task_definition')).map(([name, r]) => ({
    address: `aws_ecs_task_definition.${name}`,
    definitions: JSON.parse(r.container_definitions as string) as unknown[],
  }));
}

/** Every mismatch of every container definition of `json` with the API's `ContainerDefinition`. */
export function containerDefinitionShapeProblems(json: TerraformJson): string[] {
  return containerDefinitionsOf(json).flatMap(({ address, definitions }) =>
    definitions.flatMap((d, i) => mismatches(d, ecsSchemas.ContainerDefinition$, `${address}[${i}]`)),
  );
}
