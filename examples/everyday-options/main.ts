/**
 * Everyday ECS options, written the way a platform team would: one cluster, and each group of
 * options in its own file (see platform.ts). README.md of this folder lists what each part shows.
 *
 *   AWSVPC_APP_ENTRY=examples/everyday-options/main.ts node scripts/app.cjs
 */
import { App } from 'cdktf';
import { PolicyPack } from '../../modules/policy';
import { startedAsApp, synthesizeExample } from '../shared/run-example';
import { createPlatform, type EverydayPlatform } from './platform';
import { addPartners } from './partners';
import { addStorage } from './storage';
import { addTraffic } from './traffic';
import { addWorkers } from './workers';

/** The parts of the example, in the order they are added (each file adds one group of options). */
export const PARTS: readonly ((platform: EverydayPlatform) => void)[] = [
  addStorage,
  addTraffic,
  addPartners,
  addWorkers,
];

/** Builds the example's one stack; returns the platform (tests read its constructs). */
export function build(app: App): EverydayPlatform {
  const platform = createPlatform(app, 'everyday-options');
  for (const addPart of PARTS) addPart(platform);
  platform.stack.policyPack = PolicyPack.applyTo(platform.stack, { printReport: false });
  return platform;
}

if (startedAsApp(module)) synthesizeExample(build);
