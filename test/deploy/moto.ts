/**
 * moto's server for the deploy tier: started on 127.0.0.1 on a free port through moto_launcher.py (which
 * fills two ECS gaps of moto 5.2.1), and stopped by its process id.
 */
import { ChildProcess, spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as net from 'net';

export const MOTO_VERSION = '5.2.1';

const INSTALL_HELP =
  `The deploy tier needs moto ${MOTO_VERSION} with its server (moto_server) for Python 3: ` +
  `pip install 'moto[server]==${MOTO_VERSION}'`;

/** Fails (never skips) with install help unless moto_server and the pinned moto are installed. */
export function requireMoto(): void {
  const onPath = spawnSync('sh', ['-c', 'command -v moto_server'], { encoding: 'utf8' });
  if (onPath.status !== 0) throw new Error(`moto_server is not on PATH.\n${INSTALL_HELP}`);
  const version = spawnSync('python3', ['-c', 'import moto; print(moto.__version__)'], { encoding: 'utf8' });
  if (version.status !== 0) throw new Error(`python3 cannot import moto:\n${version.stderr}\n${INSTALL_HELP}`);
  if (version.stdout.trim() !== MOTO_VERSION) {
    throw new Error(
      `moto ${version.stdout.trim()} is installed; the deploy tier and its gap list are written for ${MOTO_VERSION}.\n${INSTALL_HELP}`,
    );
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function responds(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get(url, { timeout: 1000 }, (res) => {
      res.resume();
      resolve(res.statusCode !== undefined && res.statusCode < 500);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => {
      req.destroy();
      resolve(false);
    });
  });
}

export interface Moto {
  /** `http://127.0.0.1:<port>` */
  readonly endpoint: string;
  readonly pid: number;
  /** Stops the server by its process id (idempotent). */
  stop(): void;
}

/** Starts moto on 127.0.0.1 and waits until it answers (at most 60 s). */
export async function startMoto(launcher: string, logFile: string): Promise<Moto> {
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const log = fs.openSync(logFile, 'a');
  const child: ChildProcess = spawn('python3', [launcher, String(port)], {
    stdio: ['ignore', log, log],
    env: { ...process.env, MOTO_IAM_LOAD_MANAGED_POLICIES: 'true' },
  });
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    if (child.exitCode === null && child.pid !== undefined) process.kill(child.pid, 'SIGTERM');
  };
  process.once('exit', stop);
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`moto exited with ${child.exitCode} before answering; see ${logFile}`);
    if (await responds(`${endpoint}/moto-api/`)) return { endpoint, pid: child.pid!, stop };
    await new Promise((r) => setTimeout(r, 250));
  }
  stop();
  throw new Error(`moto did not answer on ${endpoint} within 60 s; see ${logFile}`);
}
