/**
 * n8n in queue mode for a test or the benchmark, in one temporary folder: a private PostgreSQL
 * cluster (Debian's server binaries in /usr/lib/postgresql/<version>/bin, run as the `postgres`
 * user when started by root), Redis (`redis-server`, no persistence), n8n's main process
 * (EXECUTIONS_MODE=queue: it serves the webhooks and enqueues) and `workers` n8n workers with this
 * package installed, every process on free ports. `stop()` stops everything it started, by pid,
 * in order (main, workers, Redis, PostgreSQL), and removes the folder; a failed start stops what
 * had started.
 *
 * What this has to get right (checked on n8n 2.41): `n8n execute` does not use the queue, so work
 * reaches the workers through webhooks; main answers /healthz/readiness before it has registered
 * the published workflows' webhooks, so the start waits for their webhook_entity rows; workers
 * need their own task-broker and health ports, log file names and host names; PATH must hold
 * n8n's own node (the task runner is started as `node`).
 */
import { execFileSync, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { chmodSync, closeSync, cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IDataObject } from 'n8n-workflow';
import { n8nEnvironment, n8nInstallation, PACKAGE } from './harness';
import type { CredentialSpec } from './harness';

export interface QueueClusterOptions {
	/** Folder with package.json and dist/ of this package. */
	packageDir: string;
	credentials: CredentialSpec[];
	workflows: IDataObject[];
	/** Workflow ids to publish (activate) before main starts. */
	publish: string[];
	workers?: number;
	log?: (line: string) => void;
	readyTimeoutMs?: number;
}

export interface QueueCluster {
	url: string;
	workers: string[];
	/** Runs SQL on n8n's database and returns psql's unaligned output. */
	sql(query: string): string;
	/** Stops one worker (its running executions finish first). */
	stopWorker(name: string): Promise<void>;
	/** Names of the processes and how long each took to get ready (ms). */
	timings: Record<string, number>;
	stop(): Promise<void>;
}

interface Proc {
	name: string;
	child: ChildProcess;
	log: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function freePort(): Promise<number> {
	return await new Promise((resolve, reject) => {
		const server = createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
		});
	});
}

/** Debian's newest PostgreSQL server binaries, or undefined. */
export function postgresBin(): string | undefined {
	if (!existsSync('/usr/lib/postgresql')) return undefined;
	return readdirSync('/usr/lib/postgresql')
		.sort((a, b) => Number(b) - Number(a))
		.map((v) => `/usr/lib/postgresql/${v}/bin`)
		.find((dir) => existsSync(join(dir, 'pg_ctl')));
}

export function hasCommand(name: string): boolean {
	try {
		execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' });
		return true;
	} catch {
		return false;
	}
}

/** One Redis command in its inline form (PING, SHUTDOWN NOSAVE); the first reply line, if any. */
function redis(port: number, command: string): Promise<string | undefined> {
	return new Promise((resolve) => {
		const socket = connect(port, '127.0.0.1');
		let reply = '';
		const done = () => {
			socket.destroy();
			resolve(reply.split('\r\n')[0] || undefined);
		};
		socket.setTimeout(2000, done);
		socket.on('error', done);
		socket.on('close', done);
		socket.on('data', (d) => {
			reply += d.toString();
			if (reply.includes('\r\n')) done();
		});
		socket.on('connect', () => socket.write(`${command}\r\n`));
	});
}

function tail(file: string): string {
	try {
		return readFileSync(file, 'utf8').slice(-3000);
	} catch {
		return '';
	}
}

async function exited(child: ChildProcess, ms: number): Promise<boolean> {
	if (child.exitCode !== null || child.signalCode !== null) return true;
	return await new Promise((resolve) => {
		const timer = setTimeout(() => resolve(false), ms);
		child.once('exit', () => {
			clearTimeout(timer);
			resolve(true);
		});
	});
}

async function terminate(proc: Proc, ms: number): Promise<void> {
	let runners: number[] = [];
	try {
		runners = execFileSync('ps', ['-o', 'pid=', '--ppid', String(proc.child.pid)], { encoding: 'utf8' })
			.split('\n')
			.map((s) => Number(s.trim()))
			.filter(Boolean);
	} catch {
		// no children
	}
	if (proc.child.exitCode === null && proc.child.signalCode === null) {
		proc.child.kill('SIGTERM');
		if (!(await exited(proc.child, ms))) {
			proc.child.kill('SIGKILL');
			await exited(proc.child, 5000);
		}
	}
	for (const pid of runners) {
		try {
			process.kill(pid, 'SIGKILL'); // a task runner its parent left behind
		} catch {
			// already gone
		}
	}
}

async function ready(url: string, proc: Proc, deadline: number): Promise<void> {
	for (;;) {
		if (proc.child.exitCode !== null) throw new Error(`${proc.name} exited (${proc.child.exitCode}):\n${tail(proc.log)}`);
		try {
			if ((await fetch(url)).ok) return;
		} catch {
			// not listening yet
		}
		if (Date.now() > deadline) throw new Error(`${proc.name} not ready in time:\n${tail(proc.log)}`);
		await sleep(250);
	}
}

export async function startQueueCluster(o: QueueClusterOptions): Promise<QueueCluster> {
	const log = o.log ?? (() => undefined);
	const pgBin = postgresBin();
	if (!pgBin) throw new Error('PostgreSQL server binaries not found under /usr/lib/postgresql (apt-get install postgresql)');
	if (!hasCommand('redis-server')) throw new Error('redis-server not found (apt-get install redis-server; .ci/run installs it)');
	const installation = n8nInstallation();
	const node = join(installation, 'node', 'bin', 'node');
	const n8n = join(installation, 'app', 'node_modules', 'n8n', 'bin', 'n8n');
	const root = process.getuid?.() === 0;
	const deadline = Date.now() + (o.readyTimeoutMs ?? 300_000);
	const timings: Record<string, number> = {};
	const dir = mkdtempSync(join(tmpdir(), 'n8n-queue-'));
	chmodSync(dir, 0o755); // the postgres user walks through it
	const logs = join(dir, 'logs');
	mkdirSync(logs);
	const procs: Proc[] = [];
	let redisPort = 0;
	let redisChild: ChildProcess | undefined;
	let pgData = '';
	let stopped = false;

	const asPostgres = (cmd: string, args: string[]) =>
		root ? execFileSync('runuser', ['-u', 'postgres', '--', cmd, ...args], { cwd: '/', stdio: 'ignore' }) : execFileSync(cmd, args, { cwd: '/', stdio: 'ignore' });

	const stop = async () => {
		if (stopped) return;
		stopped = true;
		// Main first (no new executions), then the workers (they finish what runs), Redis, PostgreSQL.
		for (const p of procs.filter((p) => p.name === 'main')) await terminate(p, 20_000);
		await Promise.all(procs.filter((p) => p.name !== 'main').map((p) => terminate(p, 45_000)));
		if (redisChild) {
			await redis(redisPort, 'SHUTDOWN NOSAVE');
			if (!(await exited(redisChild, 5000))) redisChild.kill('SIGKILL');
		}
		if (pgData) {
			try {
				asPostgres(join(pgBin, 'pg_ctl'), ['-D', pgData, '-m', 'fast', '-w', '-t', '30', 'stop']);
			} catch {
				try {
					asPostgres(join(pgBin, 'pg_ctl'), ['-D', pgData, '-m', 'immediate', 'stop']);
				} catch {
					// not running
				}
			}
		}
		rmSync(dir, { recursive: true, force: true });
	};

	try {
		// PostgreSQL: a private cluster, trusted local connections, no durability (a test database).
		let t = Date.now();
		const pgDir = join(dir, 'pg');
		mkdirSync(pgDir);
		if (root) {
			try {
				execFileSync('id', ['-u', 'postgres'], { stdio: 'ignore' });
			} catch {
				execFileSync('useradd', ['--system', '--no-create-home', '--home-dir', '/nonexistent', '--shell', '/usr/sbin/nologin', 'postgres']);
			}
			execFileSync('chown', ['postgres:', pgDir]);
		}
		const pgPort = await freePort();
		pgData = join(pgDir, 'data');
		asPostgres(join(pgBin, 'initdb'), ['-D', pgData, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-locale', '--no-sync']);
		asPostgres(join(pgBin, 'pg_ctl'), [
			'-D',
			pgData,
			'-l',
			join(pgDir, 'postgres.log'),
			'-w',
			'-t',
			'60',
			'-o',
			`-p ${pgPort} -k ${pgDir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`,
			'start',
		]);
		const psql = (db: string, query: string) =>
			execFileSync(join(pgBin, 'psql'), ['-h', '127.0.0.1', '-p', String(pgPort), '-U', 'postgres', '-d', db, '-X', '-qAt', '-v', 'ON_ERROR_STOP=1', '-c', query], { encoding: 'utf8' });
		psql('postgres', 'CREATE DATABASE n8n');
		timings.postgres = Date.now() - t;

		// Redis: no persistence, its own folder.
		t = Date.now();
		redisPort = await freePort();
		mkdirSync(join(dir, 'redis'));
		redisChild = spawn(
			'redis-server',
			['--port', String(redisPort), '--bind', '127.0.0.1', '--dir', join(dir, 'redis'), '--save', '', '--appendonly', 'no', '--logfile', join(logs, 'redis.log')],
			{ stdio: 'ignore' },
		);
		while ((await redis(redisPort, 'PING')) !== '+PONG') {
			if (redisChild.exitCode !== null) throw new Error(`redis-server exited:\n${tail(join(logs, 'redis.log'))}`);
			await sleep(50);
		}
		timings.redis = Date.now() - t;

		// One user folder shared by every n8n process, with the package installed as n8n installs it.
		const userFolder = join(dir, 'n8n');
		const target = join(userFolder, '.n8n', 'nodes', 'node_modules', PACKAGE);
		mkdirSync(target, { recursive: true });
		mkdirSync(join(dir, 'tmp'));
		cpSync(join(o.packageDir, 'package.json'), join(target, 'package.json'));
		cpSync(join(o.packageDir, 'dist'), join(target, 'dist'), { recursive: true });
		const mainPort = await freePort();
		const url = `http://127.0.0.1:${mainPort}`;
		const env: NodeJS.ProcessEnv = {
			...n8nEnvironment(),
			PATH: `${join(installation, 'node', 'bin')}:${process.env.PATH ?? ''}`,
			HOME: process.env.HOME,
			TMPDIR: join(dir, 'tmp'),
			N8N_USER_FOLDER: userFolder,
			N8N_ENCRYPTION_KEY: 'cn-messaging-queue-key-0123456789',
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(pgPort),
			DB_POSTGRESDB_DATABASE: 'n8n',
			DB_POSTGRESDB_USER: 'postgres',
			DB_POSTGRESDB_PASSWORD: '',
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(redisPort),
			OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
			N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
			N8N_RUNNERS_TASK_TIMEOUT: '300',
			N8N_LOG_LEVEL: 'info',
			N8N_HOST: '127.0.0.1',
			N8N_PORT: String(mainPort),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_WEBHOOK_URL: `${url}/`,
		};
		delete env.DB_SQLITE_POOL_SIZE;
		const cli = async (args: string[]) => {
			const r = spawn(node, [n8n, ...args], { env: { ...env, N8N_RUNNERS_BROKER_PORT: String(await freePort()) }, cwd: userFolder, stdio: ['ignore', 'pipe', 'pipe'] });
			let out = '';
			r.stdout?.on('data', (d: Buffer) => (out += d.toString()));
			r.stderr?.on('data', (d: Buffer) => (out += d.toString()));
			const code = await new Promise<number | null>((resolve) => r.once('exit', resolve));
			if (code !== 0) throw new Error(`n8n ${args[0]} failed (${code}):\n${out.slice(-3000)}`);
		};
		t = Date.now();
		writeFileSync(join(dir, 'credentials.json'), JSON.stringify(o.credentials));
		writeFileSync(join(dir, 'workflows.json'), JSON.stringify(o.workflows));
		await cli(['import:credentials', `--input=${join(dir, 'credentials.json')}`]);
		await cli(['import:workflow', `--input=${join(dir, 'workflows.json')}`]);
		// What `n8n publish:workflow` does, for every workflow at once (before main starts).
		const ids = o.publish.map((id) => `'${id.replace(/'/g, "''")}'`).join(',');
		psql('n8n', `UPDATE workflow_entity SET active = true, "activeVersionId" = "versionId" WHERE id IN (${ids})`);
		timings.imports = Date.now() - t;

		const launch = async (name: string, args: string[], extra: NodeJS.ProcessEnv): Promise<Proc> => {
			const logFile = join(logs, `${name}.log`);
			const fd = openSync(logFile, 'a');
			const child = spawn(args[0], args.slice(1), { env: { ...env, N8N_RUNNERS_BROKER_PORT: String(await freePort()), ...extra }, cwd: userFolder, stdio: ['ignore', fd, fd] });
			closeSync(fd);
			const proc = { name, child, log: logFile };
			procs.push(proc);
			return proc;
		};
		t = Date.now();
		const main = await launch('main', [node, n8n, 'start'], { N8N_WORKFLOW_PUBLICATION_OUTBOX_POLL_INTERVAL_MS: '1000' });
		const waits = [ready(`${url}/healthz/readiness`, main, deadline).then(() => (timings.main = Date.now() - t))];
		const workerNames: string[] = [];
		for (let k = 1; k <= (o.workers ?? 2); k++) {
			const name = `worker${k}`;
			const health = await freePort();
			// Own host name (n8n's host id) where the machine lets us: `unshare --uts` needs root.
			const command = root && hasCommand('unshare') ? ['unshare', '--uts', '--', 'sh', '-c', 'hostname "$0" && exec "$@"', `n8n-${name}`, node, n8n] : [node, n8n];
			const worker = await launch(name, [...command, 'worker', '--concurrency=10'], {
				QUEUE_HEALTH_CHECK_ACTIVE: 'true',
				QUEUE_HEALTH_CHECK_PORT: String(health),
				N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
				N8N_EVENTBUS_LOGWRITER_LOGBASENAME: `n8nEventLog-${name}`,
			});
			workerNames.push(name);
			waits.push(ready(`http://127.0.0.1:${health}/healthz/readiness`, worker, deadline).then(() => (timings[name] = Date.now() - t)));
		}
		await Promise.all(waits);
		// Ready is not yet serving: main registers the published workflows' webhooks just after.
		const pending = `SELECT count(*) FROM workflow_entity w WHERE w."activeVersionId" IS NOT NULL
			AND w.nodes::text LIKE '%"n8n-nodes-base.webhook"%' AND NOT EXISTS (SELECT 1 FROM webhook_entity e WHERE e."workflowId" = w.id)`;
		while (Number(psql('n8n', pending).trim()) > 0) {
			if (Date.now() > deadline) throw new Error(`webhooks not registered in time:\n${tail(main.log)}`);
			await sleep(250);
		}
		timings.webhooks = Date.now() - t;
		log(`n8n queue mode at ${url}: ${JSON.stringify(timings)}`);
		return {
			url,
			workers: workerNames,
			sql: (query) => psql('n8n', query),
			stopWorker: async (name) => {
				const proc = procs.find((p) => p.name === name);
				if (proc) await terminate(proc, 45_000);
			},
			timings,
			stop,
		};
	} catch (error) {
		await stop();
		throw error;
	}
}
