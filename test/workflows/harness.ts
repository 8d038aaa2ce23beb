/**
 * Runs workflows in a real n8n (installed by scripts/install-n8n.sh: the pinned 2.x, or the n8n the
 * N8N_VERSION environment variable names, e.g. N8N_VERSION=1 for the newest 1.x) with this
 * package installed as a community package, the way a user installs it: a copy of package.json
 * and dist/ in <user folder>/.n8n/nodes/node_modules/n8n-nodes-cn-messaging. Each harness has its
 * own user folder (SQLite database), encryption key and task-runner port.
 *
 * Credentials are imported with their Base URL on a simulator; workflows are imported and run with
 * `n8n execute --id`, each run a new n8n process sharing the database, so whatever a run stores
 * (a token, its expiry) is what the next run reads.
 */
import { execFile, execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { IDataObject } from 'n8n-workflow';

export const PACKAGE = 'n8n-nodes-cn-messaging';
/** The repository root (also when this file runs compiled from build-test/). */
function findRoot(): string {
	let dir = __dirname;
	while (!existsSync(join(dir, 'scripts', 'install-n8n.sh'))) {
		const up = resolve(dir, '..');
		if (up === dir) throw new Error('repository root not found');
		dir = up;
	}
	return dir;
}
const ROOT = findRoot();

export interface NodeRun {
	data?: { main?: Array<Array<{ json: IDataObject; pairedItem?: { item: number } | Array<{ item: number }> }> | null> };
	error?: IDataObject;
	executionStatus?: string;
}

export interface RunResult {
	status: string;
	/** The error that stopped the workflow, if any. */
	error?: IDataObject;
	runData: Record<string, NodeRun[]>;
	/** Everything the n8n process printed (for checks that no secret leaks). */
	output: string;
}

export interface CredentialSpec {
	id: string;
	name: string;
	type: string;
	data: IDataObject;
}

const n8nDirs: Record<string, string> = {};

/**
 * n8n's environment shared with the demo: scripts/n8n.env (KEY=VALUE lines, # comments). The
 * harness adds what belongs to one instance: user folder, encryption key, ports.
 */
export function n8nEnvironment(n8nVersion = ''): Record<string, string> {
	const env: Record<string, string> = {};
	const read = (file: string) => {
		for (const line of readFileSync(join(ROOT, 'scripts', file), 'utf8').split('\n')) {
			const setting = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line.trim());
			if (!setting) continue;
			if (setting[2] === '') delete env[setting[1]];
			else env[setting[1]] = setting[2];
		}
	};
	read('n8n.env');
	// n8n 1.x: what it needs different (scripts/n8n1.env).
	if (n8nVersion.startsWith('1.')) read('n8n1.env');
	return env;
}

/**
 * The folder of an installed n8n (installs it on first use; cached outside the repository).
 * `version` as scripts/install-n8n.sh takes it: "2" (the pinned 2.x), "1" (the newest 1.x the
 * package is proven on) or an exact version; default: the N8N_VERSION environment variable, else "2".
 */
export function n8nInstallation(version = process.env.N8N_VERSION ?? '2'): string {
	n8nDirs[version] ??= execFileSync('bash', [join(ROOT, 'scripts', 'install-n8n.sh')], {
		encoding: 'utf8',
		env: { ...process.env, N8N_VERSION: version },
		stdio: ['ignore', 'pipe', 'inherit'],
	}).trim();
	return n8nDirs[version];
}

/** The version of the n8n installed in `installation` (e.g. "2.41.1"). */
export function installedVersion(installation: string): string {
	const manifest = join(installation, 'app', 'node_modules', 'n8n', 'package.json');
	return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}

export async function freePort(): Promise<number> {
	return await new Promise((resolvePort, reject) => {
		const server = createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => resolvePort(port));
		});
	});
}

export class N8nHarness {
	readonly userFolder: string;
	/** The n8n version this harness runs (e.g. "2.41.1"). */
	readonly version: string;
	private readonly installation: string;
	private readonly env: NodeJS.ProcessEnv;

	private constructor(userFolder: string, installation: string, env: NodeJS.ProcessEnv) {
		this.userFolder = userFolder;
		this.installation = installation;
		this.env = env;
		this.version = installedVersion(installation);
	}

	/** `options.n8n` picks the n8n as n8nInstallation() takes it (default: N8N_VERSION, else the pinned 2.x). */
	static async create(label: string, options: { n8n?: string } = {}): Promise<N8nHarness> {
		// The package as global-setup.ts built it for this test run (or the repository's own build).
		const packageDir = process.env.CN_MSG_PACKAGE_DIR ?? ROOT;
		const dist = join(packageDir, 'dist');
		if (!existsSync(join(dist, 'credentials'))) {
			throw new Error(`${dist} is missing: run \`npm run build\` before the workflow tests`);
		}
		const installation = n8nInstallation(options.n8n);
		const userFolder = mkdtempSync(join(tmpdir(), `n8n-${label}-`));
		const target = join(userFolder, '.n8n', 'nodes', 'node_modules', PACKAGE);
		mkdirSync(target, { recursive: true });
		cpSync(join(packageDir, 'package.json'), join(target, 'package.json'));
		cpSync(dist, join(target, 'dist'), { recursive: true });
		const env: NodeJS.ProcessEnv = {
			...n8nEnvironment(installedVersion(installation)),
			PATH: `${join(installation, 'node', 'bin')}:${process.env.PATH ?? ''}`,
			HOME: process.env.HOME,
			N8N_USER_FOLDER: userFolder,
			N8N_ENCRYPTION_KEY: 'cn-messaging-test-key-0123456789',
			N8N_RUNNERS_BROKER_PORT: String(await freePort()),
		};
		return new N8nHarness(userFolder, installation, env);
	}

	/** Runs an n8n CLI command; resolves with what it printed, whatever its exit code. */
	cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
		const bin = join(this.installation, 'app', 'node_modules', 'n8n', 'bin', 'n8n');
		return new Promise((done) => {
			execFile(
				join(this.installation, 'node', 'bin', 'node'),
				[bin, ...args],
				{ env: this.env, cwd: this.userFolder, maxBuffer: 256 * 1024 * 1024, timeout: 240_000 },
				(error, stdout, stderr) => {
					const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
					done({ code, stdout, stderr });
				},
			);
		});
	}

	async importCredentials(credentials: CredentialSpec[]): Promise<void> {
		const file = join(this.userFolder, `credentials-${Date.now()}.json`);
		writeFileSync(file, JSON.stringify(credentials));
		const r = await this.cli(['import:credentials', `--input=${file}`]);
		if (r.code !== 0) throw new Error(`import:credentials failed:\n${r.stdout}\n${r.stderr}`);
	}

	async importWorkflows(workflows: IDataObject[]): Promise<void> {
		const file = join(this.userFolder, `workflows-${Date.now()}.json`);
		writeFileSync(file, JSON.stringify(workflows));
		const r = await this.cli(['import:workflow', `--input=${file}`]);
		if (r.code !== 0) throw new Error(`import:workflow failed:\n${r.stdout}\n${r.stderr}`);
	}

	/** The credential as n8n stores it now, decrypted (to see the token it keeps). */
	async credential(id: string): Promise<IDataObject> {
		const file = join(this.userFolder, `export-${id}-${Date.now()}.json`);
		const r = await this.cli(['export:credentials', `--id=${id}`, '--decrypted', `--output=${file}`]);
		if (r.code !== 0) throw new Error(`export:credentials failed:\n${r.stdout}\n${r.stderr}`);
		const list = JSON.parse(readFileSync(file, 'utf8')) as Array<{ data: IDataObject }>;
		return list[0].data;
	}

	async run(workflowId: string): Promise<RunResult> {
		const r = await this.cli(['execute', `--id=${workflowId}`, '--rawOutput']);
		const output = `${r.stdout}\n${r.stderr}`;
		const lines = r.stdout.split('\n');
		const start = lines.findIndex((l) => l.startsWith('{'));
		if (start < 0) {
			// A run that stops on an error prints the error, not the run data.
			const marker = output.indexOf('Execution error:');
			if (r.code !== 0 && marker >= 0) {
				const message = output.slice(marker + 'Execution error:'.length).trim().split('\n')[0];
				return { status: 'error', error: { message }, runData: {}, output };
			}
			throw new Error(`n8n printed no run data (exit ${r.code}):\n${output.slice(-4000)}`);
		}
		const end = lines.findIndex((l, k) => k >= start && l === '}');
		const parsed = JSON.parse(lines.slice(start, end < 0 ? undefined : end + 1).join('\n')) as {
			status: string;
			data: { resultData: { runData: Record<string, NodeRun[]>; error?: IDataObject } };
		};
		return {
			status: parsed.status,
			error: parsed.data.resultData.error,
			runData: parsed.data.resultData.runData,
			output,
		};
	}

	/**
	 * Runs several workflows in one n8n process (`execute-batch`, one after another — or
	 * `concurrency` at once — with n8n's automatic retry of failed workflows turned off so nothing
	 * is sent twice).
	 */
	async runBatch(workflowIds: string[], options: { concurrency?: number } = {}): Promise<{ output: string; results: IDataObject }> {
		const file = join(this.userFolder, `batch-${Date.now()}.json`);
		const concurrency = options.concurrency ? [`--concurrency=${options.concurrency}`] : [];
		const r = await this.cli(['execute-batch', `--ids=${workflowIds.join(',')}`, '--retries=0', ...concurrency, `--output=${file}`]);
		const output = `${r.stdout}\n${r.stderr}`;
		if (!existsSync(file)) throw new Error(`execute-batch wrote no results (exit ${r.code}):\n${output.slice(-4000)}`);
		return { output, results: JSON.parse(readFileSync(file, 'utf8')) as IDataObject };
	}

	/**
	 * Like runBatch, and also the run data of each workflow that ended without an error (n8n's
	 * --snapshot), by workflow id; a workflow that failed has its error in `errors`.
	 */
	async runBatchData(workflowIds: string[]): Promise<{ output: string; runs: Record<string, RunResult>; errors: Record<string, string> }> {
		const dir = mkdtempSync(join(this.userFolder, 'snapshots-'));
		const file = join(this.userFolder, `batch-${Date.now()}.json`);
		const r = await this.cli(['execute-batch', `--ids=${workflowIds.join(',')}`, '--retries=0', `--output=${file}`, `--snapshot=${dir}`]);
		const output = `${r.stdout}\n${r.stderr}`;
		if (!existsSync(file)) throw new Error(`execute-batch wrote no results (exit ${r.code}):\n${output.slice(-4000)}`);
		const summary = ((JSON.parse(readFileSync(file, 'utf8')) as IDataObject).summary ?? {}) as { errors?: Array<{ workflowId: string; error: string }> };
		const errors: Record<string, string> = {};
		for (const e of summary.errors ?? []) errors[String(e.workflowId)] = e.error;
		const runs: Record<string, RunResult> = {};
		for (const id of workflowIds) {
			const snapshot = join(dir, `${id}-snapshot.json`);
			if (!existsSync(snapshot)) continue;
			const text = readFileSync(snapshot, 'utf8');
			const data = JSON.parse(text) as { status?: string; data: { resultData: { runData: Record<string, NodeRun[]>; error?: IDataObject } } };
			runs[id] = { status: data.status ?? 'success', error: data.data.resultData.error, runData: data.data.resultData.runData, output: text };
		}
		return { output, runs, errors };
	}

	/**
	 * Starts `n8n start` (editor and REST API) on a free port (or `options.port`, e.g. to restart on
	 * the same address) and waits until it answers. Returns its base URL and a function that stops
	 * it. `options.env` adds to n8n's environment.
	 */
	async startServer(
		options: { port?: number; env?: Record<string, string> } = {},
	): Promise<{ url: string; stop: () => Promise<void>; log: () => string }> {
		const port = options.port ?? (await freePort());
		const bin = join(this.installation, 'app', 'node_modules', 'n8n', 'bin', 'n8n');
		const child = spawn(join(this.installation, 'node', 'bin', 'node'), [bin, 'start'], {
			env: { ...this.env, N8N_PORT: String(port), N8N_LISTEN_ADDRESS: '127.0.0.1', ...(options.env ?? {}) },
			cwd: this.userFolder,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let log = '';
		child.stdout?.on('data', (d: Buffer) => (log += d.toString()));
		child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
		const url = `http://127.0.0.1:${port}`;
		const stop = async () => {
			if (child.exitCode !== null) return;
			child.kill('SIGTERM');
			await new Promise((done) => {
				const timer = setTimeout(() => {
					child.kill('SIGKILL');
					done(undefined);
				}, 15_000);
				child.once('exit', () => {
					clearTimeout(timer);
					done(undefined);
				});
			});
		};
		const deadline = Date.now() + 180_000;
		for (;;) {
			if (child.exitCode !== null) throw new Error(`n8n start exited (${child.exitCode}):\n${log.slice(-4000)}`);
			try {
				// n8n 1.x answers /healthz/readiness before it mounts the REST API and /types: wait for both.
				const res = await fetch(`${url}/healthz/readiness`);
				if (res.ok && (await fetch(`${url}/rest/settings`)).ok) break;
			} catch {
				// not listening yet
			}
			if (Date.now() > deadline) {
				await stop();
				throw new Error(`n8n start did not become ready:\n${log.slice(-4000)}`);
			}
			await new Promise((r) => setTimeout(r, 500));
		}
		return { url, stop, log: () => log };
	}

	dispose(): void {
		rmSync(this.userFolder, { recursive: true, force: true });
	}
}

/** Fails with the run's own error message when the run did not succeed. */
export function expectSuccess(run: RunResult): void {
	if (run.status !== 'success') {
		throw new Error(`the workflow ended with status ${run.status}: ${JSON.stringify(run.error ?? {}).slice(0, 2000)}`);
	}
}

/** The items a node put out on its first output in a run. */
export function itemsOf(run: RunResult, nodeName: string): Array<{ json: IDataObject; pairedItem?: unknown }> {
	const runs = run.runData[nodeName];
	if (!runs?.length) return [];
	return runs[0].data?.main?.[0] ?? [];
}

export function jsonOf(run: RunResult, nodeName: string): IDataObject[] {
	return itemsOf(run, nodeName).map((i) => i.json);
}

export interface NodeSpec {
	name: string;
	/** This package's node name, e.g. "vanytechMessageCenter", or a full type. */
	type: string;
	parameters: IDataObject;
	credentials?: Record<string, { id: string; name: string }>;
	continueOnFail?: boolean;
	/** Node settings as the editor saves them, e.g. { retryOnFail: true, maxTries: 2, waitBetweenTries: 100 }. */
	settings?: IDataObject;
	/** Default 1 (this package's nodes). */
	typeVersion?: number;
	/** The node whose output feeds this one ("Items" for the item source); default: the previous node. */
	from?: string;
}

/**
 * A workflow as a user builds it: Manual Trigger -> a Code node ("Items") that emits `items` ->
 * the nodes under test, each fed by the node before it or by the one its `from` names.
 */
export function workflow(id: string, nodes: NodeSpec[], items: IDataObject[] = [{}]): IDataObject {
	const all: IDataObject[] = [
		{ id: `${id}-start`, name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
		{
			id: `${id}-items`,
			name: 'Items',
			type: 'n8n-nodes-base.code',
			typeVersion: 2,
			position: [200, 0],
			parameters: { jsCode: `return ${JSON.stringify(items)}.map((json) => ({ json }));` },
		},
		...nodes.map((n, k) => ({
			id: `${id}-${k}`,
			name: n.name,
			type: n.type.includes('.') ? n.type : `${PACKAGE}.${n.type}`,
			typeVersion: n.typeVersion ?? 1,
			position: [400 + 200 * k, 0],
			parameters: n.parameters,
			credentials: n.credentials,
			...(n.continueOnFail ? { onError: 'continueRegularOutput' } : {}),
			...(n.settings ?? {}),
		})),
	];
	const connections: Record<string, { main: Array<Array<{ node: string; type: string; index: number }>> }> = {};
	const link = (from: string, to: string) => {
		connections[from] ??= { main: [[]] };
		connections[from].main[0].push({ node: to, type: 'main', index: 0 });
	};
	link('Start', 'Items');
	nodes.forEach((n, k) => link(n.from ?? (k === 0 ? 'Items' : nodes[k - 1].name), n.name));
	return { id, name: id, active: false, nodes: all, connections, settings: { executionOrder: 'v1' } };
}

/** A workflow that starts at a trigger node of this package (a poll is run once, as "Fetch Test Event" does). */
export function triggerWorkflow(id: string, trigger: NodeSpec): IDataObject {
	return {
		id,
		name: id,
		active: false,
		nodes: [
			{
				id: `${id}-trigger`,
				name: trigger.name,
				type: trigger.type.includes('.') ? trigger.type : `${PACKAGE}.${trigger.type}`,
				typeVersion: 1,
				position: [0, 0],
				parameters: trigger.parameters,
				credentials: trigger.credentials,
			},
		],
		connections: {},
		settings: { executionOrder: 'v1' },
	};
}
