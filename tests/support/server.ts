/**
 * Starting the real production server (`node server.js`, the built app) for browser tests,
 * crash tests and benchmarks: a free loopback port, the environment to run with, and a handle
 * to stop (SIGTERM) or kill (SIGKILL) it. One place, so every caller waits the same way.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import path from 'node:path';
import { TEST_DATA_KEY } from './keys';

/** A TCP port on 127.0.0.1 that nothing listens on right now. */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = createServer();
		probe.on('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const { port } = probe.address() as AddressInfo;
			probe.close(() => resolve(port));
		});
	});
}

export interface AppProcess {
	url: string;
	port: number;
	pid: number;
	child: ChildProcess;
	/** Everything the process printed so far. */
	output(): string;
	/** Graceful stop (SIGTERM); resolves when the process has exited. */
	stop(): Promise<void>;
	/** Hard kill (SIGKILL), as a crash would; resolves when the process has exited. */
	kill(): Promise<void>;
}

/**
 * Starts `node server.js` with `env` (on `port`, or a free one) and resolves once it listens;
 * rejects with the process's output if it exits or does not listen within a minute.
 */
export async function startAppProcess(env: Record<string, string>, options: { port?: number; root?: string } = {}): Promise<AppProcess> {
	const root = options.root ?? process.cwd();
	const port = options.port ?? (await freePort());
	// APP_NODE_ARGS passes flags to the server's node (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`
	// to profile it during a benchmark; NODE_OPTIONS does not allow them).
	const nodeArgs = (process.env.APP_NODE_ARGS ?? '').split(' ').filter(Boolean);
	const child = spawn(process.execPath, [...nodeArgs, path.join(root, 'server.js')], {
		cwd: root,
		env: { ...process.env, NODE_ENV: 'production', HOST: '127.0.0.1', PORT: String(port), DATA_KEY: TEST_DATA_KEY, ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	await new Promise<void>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 60_000);
		const onData = (chunk: Buffer) => {
			output += chunk.toString();
			if (output.includes('listening on')) {
				clearTimeout(timer);
				resolve();
			}
		};
		child.stdout.on('data', onData);
		child.stderr.on('data', onData);
		child.once('exit', (code) => {
			clearTimeout(timer);
			reject(new Error(`server exited with ${code}:\n${output}`));
		});
	});
	const end = (signal: NodeJS.Signals) => {
		if (child.exitCode === null && child.signalCode === null) child.kill(signal);
		return exited;
	};
	return {
		url: `http://127.0.0.1:${port}`,
		port,
		pid: child.pid ?? 0,
		child,
		output: () => output,
		stop: () => end('SIGTERM'),
		kill: () => end('SIGKILL')
	};
}
