/**
 * A running n8n (`N8nHarness.startServer()`) driven over its REST API, the way the editor drives it:
 * the owner account, node and credential types, credentials, workflows, activation, executions.
 * Works on n8n 1.x and 2.x alike.
 */
import type { IDataObject } from 'n8n-workflow';
import type { DemoCredential } from '../sim/demo-types';

/** A node type as n8n lists it in /types/nodes.json (the fields the tests read). */
export interface NodeTypeInfo {
	name: string;
	displayName: string;
	version: number | number[];
	credentials?: Array<{ name: string }>;
	/** The codex file's content: categories, aliases (the node panel's search keywords). */
	codex?: { categories?: string[]; alias?: string[] };
	properties: Array<{
		name: string;
		type: string;
		displayName?: string;
		options?: Array<{ name: string; value: unknown; action?: string }>;
		displayOptions?: { show?: Record<string, unknown[]> };
		typeOptions?: IDataObject;
	}>;
}

export interface CredentialTypeInfo {
	name: string;
	displayName: string;
	properties: Array<{ name: string; type: string; typeOptions?: IDataObject }>;
}

export const PACKAGE_PREFIX = 'n8n-nodes-cn-messaging.';

/** An operation of a node: its resource (if the node has resources), value and action text. */
export interface OperationInfo {
	resource?: string;
	operation: string;
	action?: string;
}

/** Every operation a node type offers, read from its description as n8n serves it. */
export function operationsOf(type: NodeTypeInfo): OperationInfo[] {
	const found: OperationInfo[] = [];
	for (const p of type.properties) {
		if (p.name !== 'operation' || p.type !== 'options') continue;
		const resources = (p.displayOptions?.show?.resource as string[] | undefined) ?? [undefined];
		for (const resource of resources) {
			for (const o of p.options ?? []) found.push({ resource, operation: String(o.value), action: o.action });
		}
	}
	return found;
}

/**
 * fetch, sent again when n8n closed the kept-alive connection just as the request went out ("other
 * side closed" before any answer: the request was not read). On a loaded machine the client's timer
 * for an idle connection can run late, and n8n closes idle connections after 5 s.
 */
async function fetchReused(url: string, init: RequestInit): Promise<Response> {
	for (let attempt = 1; ; attempt++) {
		try {
			return await fetch(url, init);
		} catch (error) {
			const cause = (error as { cause?: { code?: string; message?: string } }).cause;
			const closed = cause?.code === 'UND_ERR_SOCKET' && /other side closed/.test(cause.message ?? '');
			if (!closed || attempt >= 3) throw error;
		}
	}
}

/** The owner account tests create on a fresh n8n. */
export const OWNER = { email: 'owner@example.com', firstName: 'Test', lastName: 'Owner', password: 'Passw0rd-for-tests' };

/** An execution as the tests read it. */
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

/** The first output item of a node in an execution. */
export function outputOf(execution: Execution, node: string): IDataObject | undefined {
	const runs = execution.runData[node];
	return runs?.[runs.length - 1]?.data?.main?.[0]?.[0]?.json;
}

export class N8nRest {
	/** The session cookie (the owner's), for requests made outside this class. */
	cookie = '';

	constructor(readonly url: string) {}

	/** Signs in with an existing account (e.g. the owner a browser created). */
	static async signIn(url: string, email = OWNER.email, password = OWNER.password): Promise<N8nRest> {
		const rest = new N8nRest(url);
		const login = await rest.api('POST', '/rest/login', { emailOrLdapLoginId: email, password });
		if (login.status !== 200) throw new Error(`sign-in failed (${login.status}): ${JSON.stringify(login.json).slice(0, 500)}`);
		rest.cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
		return rest;
	}

	/** Creates the owner account of a fresh n8n and signs in as it. */
	static async asNewOwner(url: string): Promise<N8nRest> {
		const rest = new N8nRest(url);
		const owner = await rest.api('POST', '/rest/owner/setup', OWNER);
		if (owner.status !== 200) throw new Error(`owner setup failed (${owner.status}): ${JSON.stringify(owner.json).slice(0, 500)}`);
		rest.cookie = (owner.headers.get('set-cookie') ?? '').split(';')[0];
		return rest;
	}

	async api(method: string, path: string, body?: unknown): Promise<{ status: number; headers: Headers; json: IDataObject }> {
		const res = await fetchReused(`${this.url}${path}`, {
			method,
			headers: { 'content-type': 'application/json', cookie: this.cookie, 'browser-id': 'cn-messaging-tests' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await res.text();
		let json: IDataObject;
		try {
			json = (text ? JSON.parse(text) : {}) as IDataObject;
		} catch {
			json = { text: text.slice(0, 2000) };
		}
		return { status: res.status, headers: res.headers, json };
	}

	private async data<T>(method: string, path: string, body?: unknown): Promise<T> {
		const r = await this.api(method, path, body);
		if (r.status !== 200) throw new Error(`${method} ${path} answered ${r.status}: ${JSON.stringify(r.json).slice(0, 1000)}`);
		return ('data' in r.json ? r.json.data : r.json) as T;
	}

	async nodeTypes(): Promise<NodeTypeInfo[]> {
		const res = await fetchReused(`${this.url}/types/nodes.json`, { headers: { cookie: this.cookie } });
		return (await res.json()) as NodeTypeInfo[];
	}

	async credentialTypes(): Promise<CredentialTypeInfo[]> {
		const res = await fetchReused(`${this.url}/types/credentials.json`, { headers: { cookie: this.cookie } });
		return (await res.json()) as CredentialTypeInfo[];
	}

	/** Saves a credential as the editor does; returns its new id. */
	async createCredential(c: DemoCredential, data: IDataObject = c.data): Promise<string> {
		const saved = await this.data<IDataObject>('POST', '/rest/credentials', { name: c.name, type: c.type, data });
		return String(saved.id);
	}

	/** The editor's "Test" button in the credential dialog: { status: 'OK' | 'Error', message }. */
	async testCredential(id: string, c: DemoCredential, data: IDataObject = c.data): Promise<IDataObject> {
		return await this.data<IDataObject>('POST', '/rest/credentials/test', { credentials: { id, name: c.name, type: c.type, data } });
	}

	/** Saves a workflow (inactive) and returns its id and version. */
	async createWorkflow(workflow: IDataObject): Promise<{ id: string; versionId: string }> {
		const { id: _id, active: _active, pinData: _pin, ...rest } = workflow;
		// n8n 1.x stores a workflow created without `active` as NULL and refuses it.
		const saved = await this.data<IDataObject>('POST', '/rest/workflows', { ...rest, active: false });
		return { id: String(saved.id), versionId: String(saved.versionId) };
	}

	/** Activates (publishes) a saved workflow: its triggers and webhooks go live at once. */
	async activate(workflow: { id: string; versionId: string }): Promise<void> {
		await this.data('POST', `/rest/workflows/${workflow.id}/activate`, { versionId: workflow.versionId });
	}

	/**
	 * Waits until n8n serves a webhook path (e.g. "/webhook/x", "/mcp/x"): activation registers
	 * webhooks a moment after it answers. Asks with PUT, which these webhooks do not take: n8n then
	 * answers "Did you mean to make a POST request?" without running the workflow.
	 */
	async awaitWebhook(path: string, timeoutMs = 30_000): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const res = await fetch(`${this.url}${path}`, { method: 'PUT' });
			const text = await res.text();
			if (res.status !== 404 || /did you mean/i.test(text)) return;
			if (Date.now() > deadline) throw new Error(`n8n did not register ${path} within ${timeoutMs} ms: ${text.slice(0, 300)}`);
			await new Promise((r) => setTimeout(r, 250));
		}
	}

	/** A saved credential as the editor reads it: secrets (password fields) that hold a value show as a blank marker. */
	async credential(id: string): Promise<IDataObject> {
		const saved = await this.data<IDataObject>('GET', `/rest/credentials/${id}?includeData=true`);
		return (saved.data ?? {}) as IDataObject;
	}

	/** Activates a workflow saved by import (n8n's CLI), by its id. */
	async activateById(id: string): Promise<void> {
		const saved = await this.data<IDataObject>('GET', `/rest/workflows/${id}`);
		await this.activate({ id, versionId: String(saved.versionId) });
	}

	async deactivate(id: string): Promise<void> {
		await this.data('POST', `/rest/workflows/${id}/deactivate`, {});
	}

	/** The executions of a workflow, newest first (the last 100). */
	async executions(workflowId: string): Promise<Array<IDataObject & { id: string; status: string }>> {
		const data = await this.data<{ results?: IDataObject[] } | IDataObject[]>(
			'GET',
			`/rest/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId }))}&limit=100`,
		);
		const list = Array.isArray(data) ? data : (data.results ?? []);
		return list.map((e) => ({ ...e, id: String(e.id), status: String(e.status) }));
	}

	/** One execution, its run data unflattened. */
	async execution(id: string): Promise<Execution> {
		const e = await this.data<IDataObject>('GET', `/rest/executions/${id}`);
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

	/** Waits until `get` returns something (asking every 250 ms), or fails after `ms`. */
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

	/** Calls a production webhook: POST /webhook/<path> with a JSON body; returns the status. */
	async trigger(path: string, body: IDataObject): Promise<number> {
		const res = await fetch(`${this.url}/webhook/${path}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body),
		});
		await res.text();
		return res.status;
	}

	/** Waits until an execution of the workflow ends with one of `statuses`; returns it in full. */
	async awaitExecution(workflowId: string, statuses: string[], timeoutMs = 60_000): Promise<IDataObject> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const done = (await this.executions(workflowId)).find((e) => statuses.includes(e.status));
			if (done) return await this.data<IDataObject>('GET', `/rest/executions/${done.id}`);
			if (Date.now() > deadline) throw new Error(`no execution of ${workflowId} ended as ${statuses.join('/')} within ${timeoutMs} ms`);
			await new Promise((r) => setTimeout(r, 500));
		}
	}
}
