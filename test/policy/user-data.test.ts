import * as zlib from 'zlib';
import * as fc from 'fast-check';
import { inspectEcsAgentSettings, userDataText } from '../../modules/policy/user-data';
import { LINUX_USER_DATA } from './fixtures';
import { base64 } from './support';

const SETTINGS = '\nECS_AWSVPC_BLOCK_IMDS=true\nECS_ENABLE_TASK_IAM_ROLE_NETWORK_HOST=false\n';

describe('userDataText', () => {
  test('decodes base64, gzip-compressed base64 and base64 MIME parts', () => {
    expect(userDataText(base64(LINUX_USER_DATA), true).text).toBe(LINUX_USER_DATA);
    expect(userDataText(zlib.gzipSync(Buffer.from(LINUX_USER_DATA)).toString('base64'), true).text).toBe(
      LINUX_USER_DATA,
    );
    const mime = `Content-Type: multipart/mixed; boundary="B"\n\n--B\nContent-Transfer-Encoding: base64\n\n${base64(LINUX_USER_DATA)}\n--B--\n`;
    expect(userDataText(base64(mime), true).text).toContain('ECS_AWSVPC_BLOCK_IMDS=true');
  });

  test('says why it cannot decode', () => {
    expect(userDataText('not base64!', true)).toEqual({ problem: 'it is not valid base64' });
    expect(userDataText(Buffer.from([0x1f, 0x8b, 1, 2, 3]).toString('base64'), true)).toEqual({
      problem: 'it looks gzip-compressed but does not decompress',
    });
  });

  test('round-trips any text through base64 and through gzip (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 200 }).filter((t) => !/multipart\//i.test(t)),
        (text) => {
          expect(userDataText(base64(text), true).text).toBe(text);
          expect(userDataText(zlib.gzipSync(Buffer.from(text)).toString('base64'), true).text).toBe(text);
          expect(userDataText(text, false).text).toBe(text);
        },
      ),
    );
  });
});

describe('inspectEcsAgentSettings', () => {
  test('finds both settings in Linux user data, in any quoting', () => {
    expect(
      inspectEcsAgentSettings(
        'echo "ECS_AWSVPC_BLOCK_IMDS=true" >> /etc/ecs/ecs.config\nECS_ENABLE_TASK_IAM_ROLE_NETWORK_HOST = "false"',
      ),
    ).toEqual({ configuresEcs: true, windows: false, wrong: [], missing: [] });
  });

  test('reports a later assignment that undoes an earlier one', () => {
    expect(inspectEcsAgentSettings(`${SETTINGS}ECS_AWSVPC_BLOCK_IMDS=false\n`).wrong).toEqual([
      'ECS_AWSVPC_BLOCK_IMDS=false (must be true)',
    ]);
  });

  test('reads Windows user data: -AwsvpcBlockIMDS, and -AwsvpcBlockIMDS:$false', () => {
    expect(inspectEcsAgentSettings('<powershell>Initialize-ECSAgent -Cluster c -AwsvpcBlockIMDS</powershell>')).toEqual(
      { configuresEcs: true, windows: true, wrong: [], missing: [] },
    );
    expect(
      inspectEcsAgentSettings('<powershell>Initialize-ECSAgent -Cluster c -AwsvpcBlockIMDS:$false</powershell>').wrong,
    ).toEqual(['Initialize-ECSAgent is called with -AwsvpcBlockIMDS:$false']);
  });

  test('any Linux script with both settings appended complies (property)', () => {
    const script = fc.string({ maxLength: 200 }).filter((t) => !/ECS_|powershell|Initialize-ECSAgent/i.test(t));
    fc.assert(
      fc.property(script, (text) => {
        const r = inspectEcsAgentSettings(`${text}${SETTINGS}`);
        expect(r.wrong).toEqual([]);
        expect(r.missing).toEqual([]);
        expect(inspectEcsAgentSettings(text).configuresEcs).toBe(false);
      }),
    );
  });
});
