import * as fs from 'fs';
import * as path from 'path';
import { renderTopologySvg } from '../../modules/diagram/render';
import { expectStackPasses } from '../engine/terraform';
import { synthLab } from './fixtures';

describe('the diagram against the real engine', () => {
  test('draws the lab from the same cdk.tf.json that Terraform validates and plans', async () => {
    const lab = synthLab();
    expectStackPasses(lab.dir, [path.join(__dirname, 'terraform', 'lab.tftest.hcl')], { validate: false });
    const json: unknown = JSON.parse(fs.readFileSync(path.join(lab.dir, 'cdk.tf.json'), 'utf8'));
    const svg = await renderTopologySvg(json, { tasksPerInstance: { 'c5.large': 10 } });
    expect(svg).toContain('10.0.192.0/18');
    expect(svg).toContain('EC2 c5.large');
  });
});
