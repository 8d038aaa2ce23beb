/**
 * Talking to a running n8n (`N8nHarness.startServer()`) as its editor and a person's browser do:
 * the owner account, the REST API (activate workflows, read executions), and plain HTTP requests
 * with a browser's User-Agent.
 */
import type { IDataObject } from 'n8n-workflow';

/** A desktop browser: n8n ignores approval requests from bots and link previewers. */
export const BROWSER_UA =
	'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36';

export interface Execution {
	id: string;
	status: string;
	workflowId: string;
	/** The run data, node name -> runs (unflattened). */
	runData: Record<string, Array<{ data?: { main?: Array<Array<{ json: IDataObject }> | null> } }>>;
	error?: IDataObject;
	/** resultData.metadata: the execution's custom data. */
	customData: Record<string, string>;
	/** When the execution last stopped (put to wait, or ended). */
	stoppedAt?: string;
}

/** n8n stores execution data "flatted" (every string and object is an index into one array). */
export function unflatten(text: string): unknown {
	const input = JSON.parse(text) as unknown[];
	const done = new Map<number, unknown>();
	const revive = (i: number): unknown => {
		if (done.has(i)) return done.get(i);
		const v = input[i];
		if (v === null || typeof v !== 'object') {
			done.set(i, v);
			return v;
		}
		const out: Record<string, unknown> | unknown[] = Array.isArray(v) ? [] : {};
		done.set(i, out);
		for (const [k, x] of Object.entries(v as object)) (out as Record<string, unknown>)[k] = typeof x === 'string' ? revive(Number(x)) : x;
		return out;
	};
	return revive(0);
}

export class N8nRest {
	cookie = '';

	constructor(public url: string) {}

	async api(method: string, path: string, body?: unknown): Promise<{ status: number; json: IDataObject }> {
		const res = await fetch(`${this.url}${path}`, {
			method,
			headers: { 'content-type': 'application/json', cookie: this.cookie, 'browser-id': 'cn-messaging-tests' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await res.text();
		if (method === 'POST' && path === '/rest/owner/setup') this.cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
		let json: IDataObject = {};
		try {
			json = text ? (JSON.parse(text) as IDataObject) : {};
		} catch {
			json = { text };
		}
		return { status: res.status, json };
	}

	/** Creates the owner account (first start) and keeps its session cookie. */
	async setupOwner(): Promise<void> {
		const r = await this.api('POST', '/rest/owner/setup', {
			email: 'owner@example.com',
			firstName: 'Test',
			lastName: 'Owner',
			password: 'Passw0rd-for-tests',
		});
		if (r.status !== 200) throw new Error(`owner setup failed: ${r.status} ${JSON.stringify(r.json)}`);
	}

	async login(): Promise<void> {
		const res = await fetch(`${this.url}/rest/login`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'browser-id': 'cn-messaging-tests' },
			body: JSON.stringify({ emailOrLdapLoginId: 'owner@example.com', password: 'Passw0rd-for-tests' }),
		});
		if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
		this.cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
	}

	/** Activates (publishes) an imported workflow, so its Webhook trigger listens. */
	async activate(workflowId: string): Promise<void> {
		const wf = await this.api('GET', `/rest/workflows/${workflowId}`);
		const versionId = (wf.json.data as IDataObject | undefined)?.versionId;
		const r = await this.api('POST', `/rest/workflows/${workflowId}/activate`, { versionId });
		if (r.status !== 200) throw new Error(`activating ${workflowId} failed: ${r.status} ${JSON.stringify(r.json).slice(0, 1000)}`);
	}

	async executions(workflowId: string): Promise<Array<{ id: string; status: string }>> {
		const r = await this.api('GET', `/rest/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId }))}&limit=100`);
		const data = r.json.data as { results?: IDataObject[] } | IDataObject[] | undefined;
		const list = Array.isArray(data) ? data : (data?.results ?? []);
		return list.map((e) => ({ id: String(e.id), status: String(e.status) }));
	}

	async execution(id: string): Promise<Execution> {
		const r = await this.api('GET', `/rest/executions/${id}`);
		const e = r.json.data as IDataObject;
		const data = (typeof e.data === 'string' ? unflatten(e.data) : e.data) as {
			resultData?: { runData?: Execution['runData']; error?: IDataObject; metadata?: Record<string, string> };
		};
		return {
			id,
			status: String(e.status),
			workflowId: String(e.workflowId),
			runData: data?.resultData?.runData ?? {},
			error: data?.resultData?.error,
			customData: data?.resultData?.metadata ?? {},
			stoppedAt: e.stoppedAt === undefined || e.stoppedAt === null ? undefined : String(e.stoppedAt),
		};
	}

	/** Waits until `check` accepts something (polling every 250 ms), or fails after `ms`. */
	async until<T>(what: string, get: () => Promise<T | undefined>, ms = 60_000): Promise<T> {
		const deadline = Date.now() + ms;
		for (;;) {
			const value = await get();
			if (value !== undefined) return value;
			if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
			await new Promise((r) => setTimeout(r, 250));
		}
	}

	/** The workflow's newest execution not in `known`, once it has the status `status`. */
	async newExecution(workflowId: string, known: Set<string>, status: string | string[], ms = 60_000): Promise<Execution> {
		const wanted = Array.isArray(status) ? status : [status];
		const found = await this.until(`a ${wanted.join('/')} execution of ${workflowId}`, async () => {
			const list = await this.executions(workflowId);
			return list.find((e) => !known.has(e.id) && wanted.includes(e.status));
		}, ms);
		return await this.execution(found.id);
	}

	/** Calls a production webhook: POST /webhook/<path> with a JSON body. */
	async trigger(path: string, body: IDataObject): Promise<number> {
		const res = await fetch(`${this.url}/webhook/${path}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body),
		});
		await res.text();
		return res.status;
	}
}

/** What a person's browser gets for a link: status, content type and the page. */
export async function browserGet(url: string, headers: Record<string, string> = {}): Promise<{ status: number; type: string; html: string }> {
	const res = await fetch(url, { headers: { 'user-agent': BROWSER_UA, accept: 'text/html', ...headers } });
	return { status: res.status, type: res.headers.get('content-type') ?? '', html: await res.text() };
}

/** A form on a page sent the way a browser sends it (multipart/form-data). */
export async function browserPost(url: string, fields: Record<string, string | string[]>, headers: Record<string, string> = {}) {
	const form = new FormData();
	for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) form.append(k, x);
	const res = await fetch(url, { method: 'POST', body: form, headers: { 'user-agent': BROWSER_UA, ...headers } });
	return { status: res.status, type: res.headers.get('content-type') ?? '', html: await res.text() };
}

/** The first output item of a node in an execution. */
export function outputOf(execution: Execution, node: string): IDataObject | undefined {
	const runs = execution.runData[node];
	return runs?.[runs.length - 1]?.data?.main?.[0]?.[0]?.json;
}
