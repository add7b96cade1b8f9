import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Annotations, TerraformStack } from 'cdktf';
import { ValidationError } from '../../modules/core';
import { synthesizeAtomically } from '../../modules/stacks';

describe('synthesizeAtomically with an error annotation', () => {
  test.each([
    ['cdktf fails on it itself', undefined],
    ['the cdktf CLI asked cdktf to go on', 'true'],
  ])("fails with SYNTH_ERROR_ANNOTATION or cdktf's error and writes nothing (%s)", async (_name, continueOnErrors) => {
    const outdir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'awsvpc-annot-')), 'cdktf.out');
    fs.mkdirSync(outdir);
    fs.writeFileSync(path.join(outdir, 'manifest.json'), '{"previous":true}');
    const before = process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS;
    if (continueOnErrors) process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS = continueOnErrors;
    let error: unknown;
    try {
      await synthesizeAtomically(
        (app) => {
          const stack = new TerraformStack(app, 'broken');
          Annotations.of(stack).addError('this stack is broken on purpose');
        },
        { outdir, pictures: false },
      );
    } catch (e) {
      error = e;
    } finally {
      if (before === undefined) delete process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS;
      else process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS = before;
    }
    if (continueOnErrors) {
      expect(ValidationError.isValidationError(error)).toBe(true);
      expect((error as ValidationError).code).toBe('SYNTH_ERROR_ANNOTATION');
      expect((error as ValidationError).path).toBe('broken');
      expect((error as ValidationError).received).toBe('this stack is broken on purpose');
    } else {
      expect(String(error)).toMatch(/this stack is broken on purpose/);
    }
    expect(fs.readdirSync(outdir)).toEqual(['manifest.json']);
    expect(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8')).toBe('{"previous":true}');
    expect(fs.readdirSync(path.dirname(outdir))).toEqual(['cdktf.out']);
  });
});
