/** Removes the test file's scratch folders (scratch.ts) after its tests; jest.config.js registers it for every file. */
import { removeScratchDirs } from './scratch';

afterAll(removeScratchDirs);
