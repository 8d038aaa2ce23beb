/**
 * The compatibility suite: what a user of any supported n8n relies on, proven in one running n8n
 * (`n8n start`) per version. Nodes and operations are discovered from that n8n (/types/nodes.json),
 * and the workflows come from examples/, so operations added later are covered without a change here.
 *
 * - the package loads: every node and credential in package.json is listed, each action node also as an AI tool;
 * - every credential's test passes against its simulator;
 * - one send per platform, run twice: the message reaches the simulator, the token the first run
 *   got is stored in the credential and the second run reuses it;
 * - Send and Wait, where a node offers it: the message carries n8n's approval link, and opening it
 *   ends the waiting execution;
 * - AI agents: an MCP client lists and calls one tool per platform (test/workflows/mcp.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IDataObject } from 'n8n-workflow';
import type { SimServer } from '../sim/base';
import { demoPlatforms } from '../sim/demo';
import type { DemoCredential } from '../sim/demo-types';
import { adapt, exampleFor, examples } from './example-workflows';
import type { CompatContext } from './example-workflows';
import { N8nHarness } from './harness';
import { mcpChecks } from './mcp';
import { N8nRest, operationsOf, PACKAGE_PREFIX } from './rest';
import { browserGet, browserPost } from './support/browser';

const ROOT = join(__dirname, '..', '..');

async function callWebhook(url: string, path: string): Promise<{ status: number; body: unknown }> {
	const res = await fetch(`${url}/webhook/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
	const text = await res.text();
	let body: unknown = text;
	try {
		body = JSON.parse(text);
	} catch {
		// not JSON: keep the text
	}
	return { status: res.status, body };
}

/**
 * Defines the suite for one n8n: `n8n` as scripts/install-n8n.sh takes it ("1", "2" or an exact
 * version; default: N8N_VERSION, else the pinned 2.x).
 */
export function compatibilitySuite(n8n?: string): void {
	const label = n8n ?? process.env.N8N_VERSION ?? '2';
	describe(`the package in n8n ${label === '1' ? '1.x' : label === '2' ? '2.x (pinned)' : label}`, () => {
		const sims: SimServer[] = [];
		const ctx = {} as CompatContext;
		let server: { url: string; stop: () => Promise<void> } | undefined;

		beforeAll(async () => {
			const demo: Array<{ sim: SimServer; credential: DemoCredential }> = [];
			for (const platform of await demoPlatforms()) {
				const sim = platform.create();
				sims.push(sim);
				for (const credential of platform.credentials(await sim.start())) demo.push({ sim, credential });
			}
			ctx.n8n = await N8nHarness.create('compat', { n8n });
			server = await ctx.n8n.startServer();
			ctx.rest = await N8nRest.asNewOwner(server.url);
			ctx.nodeTypes = await ctx.rest.nodeTypes();
			ctx.credentialTypes = await ctx.rest.credentialTypes();
			ctx.credentialIds = {};
			for (const { credential } of demo) {
				// By the demo's id (what examples name) and, for the first of each type, by type.
				const id = await ctx.rest.createCredential(credential);
				ctx.credentialIds[credential.id] = id;
				ctx.credentialIds[credential.type] ??= id;
			}
			const names = new Set(ctx.nodeTypes.map((t) => t.name));
			ctx.platforms = ctx.nodeTypes
				.filter((t) => t.name.startsWith(PACKAGE_PREFIX) && names.has(`${t.name}Tool`) && !t.name.endsWith('Tool'))
				.map((node) => {
					const own = demo.find((d) => node.credentials?.some((c) => c.name === d.credential.type));
					if (!own) throw new Error(`${node.name}: no demo simulator provides its credential`);
					return { node, ...own, credentialId: ctx.credentialIds[own.credential.type] };
				});
		});

		afterAll(async () => {
			await server?.stop();
			ctx.n8n?.dispose();
			await Promise.all(sims.map((s) => s.stop()));
		});

		it('loads: every node and credential of package.json is listed, each action node also as an AI tool', async () => {
			const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { n8n: { nodes: string[]; credentials: string[] } };
			const names = new Set(ctx.nodeTypes.map((t) => t.name));
			const missing: string[] = [];
			for (const file of pkg.n8n.nodes) {
				const base = file.split('/').pop()!.replace('.node.js', '');
				const name = `${PACKAGE_PREFIX}${base[0].toLowerCase()}${base.slice(1)}`;
				if (!names.has(name)) missing.push(name);
				if (!base.endsWith('Trigger') && !names.has(`${name}Tool`)) missing.push(`${name}Tool`);
			}
			const credentialNames = new Set(ctx.credentialTypes.map((c) => c.name));
			for (const file of pkg.n8n.credentials) {
				const base = file.split('/').pop()!.replace('.credentials.js', '');
				const name = `${base[0].toLowerCase()}${base.slice(1)}`;
				if (!credentialNames.has(name)) missing.push(name);
			}
			expect({ version: ctx.n8n.version, missing }).toEqual({ version: ctx.n8n.version, missing: [] });
			expect(ctx.platforms.length).toBe(pkg.n8n.nodes.filter((f) => !f.includes('Trigger')).length);
		});

		it("every credential's test passes against its simulator", async () => {
			const results: IDataObject[] = [];
			for (const p of ctx.platforms) {
				const result = await ctx.rest.testCredential(p.credentialId, p.credential);
				results.push({ type: p.credential.type, status: result.status, message: result.status === 'OK' ? '' : result.message });
			}
			expect(results).toEqual(ctx.platforms.map((p) => ({ type: p.credential.type, status: 'OK', message: '' })));
		});

		it('one send per platform, run twice: it reaches the simulator, and the token of the first run is stored and reused by the second', async () => {
			const all = examples();
			for (const p of ctx.platforms) {
				// A send through the platform's main credential (not, e.g., DingTalk's group robot with its own).
				const own = all.filter((e) => e.data.nodes.some((n) => String(n.type).startsWith(PACKAGE_PREFIX) && p.credential.type in ((n.credentials ?? {}) as object)));
				const example = exampleFor(p.node, (op) => /^send/.test(op) && op !== 'sendAndWait', own);
				expect({ node: p.node.name, example: example?.file ?? 'none' }).toEqual({ node: p.node.name, example: expect.stringMatching(/\.json$/) });
				const path = `compat-send-${p.node.name.slice(PACKAGE_PREFIX.length)}`;
				await ctx.rest.activate(await ctx.rest.createWorkflow(adapt(example!, ctx, { path, responseMode: 'lastNode' })));
				await ctx.rest.awaitWebhook(`/webhook/${path}`);
				// Whatever token the credential test left behind is void: the first run must get its own.
				p.sim.tokens.revokeAll();
				const runs: Array<{ status: number; body: unknown; records: number; calls: string[] }> = [];
				for (let k = 0; k < 2; k++) {
					const records = p.sim.records.length;
					const calls = p.sim.calls.length;
					const answer = await callWebhook(ctx.rest.url, path);
					runs.push({ ...answer, records: p.sim.records.length - records, calls: p.sim.calls.slice(calls).map((c) => c.route) });
				}
				const detail = { node: p.node.name, example: example!.file, runs: runs.map((r) => ({ status: r.status, records: r.records })) };
				expect(detail).toEqual({ ...detail, runs: [expect.objectContaining({ status: 200 }), expect.objectContaining({ status: 200 })] });
				expect(runs[0].records).toBeGreaterThan(0);
				expect(runs[1].records).toBe(runs[0].records);
				const credentialType = ctx.credentialTypes.find((c) => c.name === p.credential.type)!;
				const tokenField = credentialType.properties.find((f) => f.typeOptions?.expirable);
				if (!tokenField) continue;
				// The first run was refused with the void token and asked for a new one; the second made only the requests of the send itself.
				const exchanged = runs[0].calls.filter((route) => !runs[1].calls.includes(route));
				expect({ node: p.node.name, exchangedInFirstRun: exchanged.length > 0, secondRun: runs[1].calls.length < runs[0].calls.length }).toEqual({
					node: p.node.name,
					exchangedInFirstRun: true,
					secondRun: true,
				});
				// The editor's view of the saved credential: a secret field that holds a value shows a blank marker.
				const stored = await ctx.rest.credential(p.credentialId);
				expect({ node: p.node.name, field: tokenField.name, stored: typeof stored[tokenField.name] === 'string' && stored[tokenField.name] !== '' }).toEqual({
					node: p.node.name,
					field: tokenField.name,
					stored: true,
				});
			}
		});

		it("Send and Wait, where a node offers it: the message carries n8n's approval link, and opening it ends the waiting execution", async () => {
			const all = examples();
			const offering = ctx.platforms.filter((p) => operationsOf(p.node).some((o) => o.operation === 'sendAndWait'));
			const results: IDataObject[] = [];
			for (const p of offering) {
				const example = exampleFor(p.node, (op) => op === 'sendAndWait', all, true);
				if (!example) {
					results.push({ node: p.node.name, problem: 'no example shows its Send and Wait' });
					continue;
				}
				const path = `compat-wait-${p.node.name.slice(PACKAGE_PREFIX.length)}`;
				// Asked as an approval (a form's fields are the hitl tests' business): the mechanism is what is checked here.
				const adapted = adapt(example, ctx, { path, responseMode: 'onReceived' }) as { nodes: Array<{ type: string; parameters: IDataObject }> };
				for (const n of adapted.nodes) if (n.parameters?.operation === 'sendAndWait') n.parameters = { ...n.parameters, responseType: 'approval' };
				const saved = await ctx.rest.createWorkflow(adapted as IDataObject);
				await ctx.rest.activate(saved);
				await ctx.rest.awaitWebhook(`/webhook/${path}`);
				const records = p.sim.records.length;
				await callWebhook(ctx.rest.url, path);
				const waiting = await ctx.rest.awaitExecution(saved.id, ['waiting', 'error', 'success']);
				if (waiting.status !== 'waiting') {
					// n8n's execution data is a "flatted" array: its texts that read like an error.
					const flat = typeof waiting.data === 'string' ? (JSON.parse(waiting.data) as unknown[]) : [];
					const error = flat.filter((x) => typeof x === 'string' && /error|cannot|not |invalid|missing/i.test(x) && !x.startsWith('=')).slice(0, 4).join(' | ');
					results.push({ node: p.node.name, problem: `the execution did not wait: ${String(waiting.status)}`, error });
					continue;
				}
				const sent = JSON.stringify(p.sim.records.slice(records));
				const link = /https?:\/\/[^"'\s\\<>)]+\/webhook-waiting\/[^"'\s\\<>)]+/.exec(sent)?.[0];
				if (!link) {
					results.push({ node: p.node.name, problem: 'no approval link in what reached the platform', sent: sent.slice(0, 500) });
					continue;
				}
				// Opened as a person opens it (a browser's User-Agent): the GET shows the page; pressing its button (a POST) answers.
				const approve = new URL(link.replace(/&amp;/g, '&'));
				const target = `${ctx.rest.url}${approve.pathname}${approve.search}`;
				if (label === '1') {
					// n8n 1.123 refuses signed answers of community nodes with "Invalid token" in these tests (README:
					// Send and Wait needs n8n 2.x): on 1.x the check stops at the waiting execution and its signed link.
					results.push({ node: p.node.name, waited: waiting.status, signed: approve.searchParams.has('signature') });
					continue;
				}
				const open = await browserGet(target);
				// Every field of the page's form filled in (an approval link carries its decision itself).
				const fields: Record<string, string> = { approved: 'true' };
				for (const m of open.html.matchAll(/<(?:input|textarea|select)[^>]*name="([^"]+)"/g)) if (!(m[1] in fields)) fields[m[1]] = '1';
				const answered = await browserPost(target, fields);
				const done = await ctx.rest.awaitExecution(saved.id, ['success', 'error']).catch(() => undefined);
				if (!done) {
					results.push({ node: p.node.name, problem: 'the answer did not end the execution', link: target, fields, answer: answered.status, page: answered.html.slice(0, 400) });
					continue;
				}
				results.push({ node: p.node.name, waited: waiting.status, link: open.status, answer: answered.status, ended: done.status });
			}
			const expected = (name: string) =>
				label === '1' ? { node: name, waited: 'waiting', signed: true } : { node: name, waited: 'waiting', link: 200, answer: 200, ended: 'success' };
			expect(results).toEqual(offering.map((p) => expected(p.node.name)));
		});

		mcpChecks(() => ctx);
	});
}
