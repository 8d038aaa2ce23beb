import type { IDataObject } from 'n8n-workflow';
import type { SimServer } from '../sim/base';
import { demoPlatforms } from '../sim/demo';
import type { DemoCredential } from '../sim/demo-types';
import { adapt, exampleFor, examples } from '../workflows/example-workflows';
import type { CompatContext } from '../workflows/example-workflows';
import { N8nHarness } from '../workflows/harness';
import { N8nRest, operationsOf, PACKAGE_PREFIX } from '../workflows/rest';
import type { NodeTypeInfo, OperationInfo } from '../workflows/rest';
import { openEditorBrowser, plain } from './browser';
import type { EditorBrowser } from './browser';

const OWNER = { email: 'owner@example.com', firstName: 'Test', lastName: 'Owner', password: 'Passw0rd-for-tests' };
/** The node whose screens the README shows. */
const SHOWCASE = `${PACKAGE_PREFIX}dingTalk`;

type Property = NodeTypeInfo['properties'][number];

/** The node's parameters shown for one operation whatever else is set (shown only by resource and operation). */
function shownFor(node: NodeTypeInfo, op: OperationInfo): Property[] {
	return node.properties.filter((p) => {
		const display = (p as IDataObject).displayOptions as { show?: Record<string, unknown[]>; hide?: unknown } | undefined;
		if (!display) return true;
		if (display.hide) return false;
		const show = display.show ?? {};
		if (Object.keys(show).some((k) => k !== 'resource' && k !== 'operation')) return false;
		return (!show.resource || show.resource.includes(op.resource)) && (!show.operation || show.operation.includes(op.operation));
	});
}

/** Those that show a label (mappers show their own). */
function fieldsOf(node: NodeTypeInfo, op: OperationInfo): Property[] {
	return shownFor(node, op).filter((p) => !['hidden', 'notice', 'resourceMapper'].includes(p.type));
}

const exactly = (text: string) => new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);

/** The credential types the node asks for in one operation (shown by resource and operation, or always). */
function credentialsFor(node: NodeTypeInfo, op: OperationInfo): string[] {
	return (node.credentials ?? [])
		.filter((c) => {
			const display = (c as IDataObject).displayOptions as { show?: Record<string, unknown[]>; hide?: Record<string, unknown[]> } | undefined;
			const value = (key: string) => (key === 'resource' ? op.resource : key === 'operation' ? op.operation : undefined);
			const show = Object.entries(display?.show ?? {}).every(([k, v]) => v.includes(value(k)));
			const hide = Object.entries(display?.hide ?? {}).some(([k, v]) => v.includes(value(k)));
			return show && !hide;
		})
		.map((c) => c.name);
}

/** An action's entry in the node panel: its words in order, whatever the punctuation and case. */
const actionText = (action: string) =>
	new RegExp(`^[^a-z0-9]*${(action.toLowerCase().match(/[a-z0-9]+/g) ?? []).join('[^a-z0-9]+')}[^a-z0-9]*$`, 'i');

/** Its resource locators that offer "From list", in order. */
function listsOf(node: NodeTypeInfo, op: OperationInfo): Property[] {
	return fieldsOf(node, op).filter(
		(p) => p.type === 'resourceLocator' && (((p as IDataObject).modes ?? []) as Array<{ name: string }>).some((m) => m.name === 'list'),
	);
}

/**
 * n8n's editor in Chromium, with this package installed, as a user meets it: sign in to a fresh n8n,
 * find each node in the node panel (by name, and by its Chinese and pinyin keywords), open every
 * operation and see its fields without errors, pick IDs from lists, test each credential from its
 * dialog, run an example and read its output table. Nodes and operations come from the running n8n.
 */
describe("the package in n8n's editor (Chromium)", () => {
	const sims: SimServer[] = [];
	const demo: Array<{ sim: SimServer; credential: DemoCredential }> = [];
	const ctx = {} as CompatContext;
	let server: { url: string; stop: () => Promise<void> } | undefined;
	let ui: EditorBrowser;
	let canvasId = '';
	let nodes: NodeTypeInfo[] = [];
	const exampleIds: Record<string, string> = {};

	const page = () => ui.page;
	const openWorkflow = async (id: string) => {
		await page().goto(`${ctx.rest.url}/workflow/${id}`, { waitUntil: 'commit', timeout: 180_000 });
		await page().waitForSelector('[data-test-id=node-creator-plus-button]', { timeout: 180_000 });
	};
	const nodePanel = async () => {
		if (!(await page().isVisible('[data-test-id=node-creator-search-bar]'))) await page().click('[data-test-id=node-creator-plus-button]');
		return page().locator('[data-test-id=node-creator-search-bar]');
	};
	/** The node panel's entry for a node: a trigger and an action node of one service share an entry. */
	const entryName = (node: NodeTypeInfo) => node.displayName.replace(/ Trigger$/, '');
	const search = async (text: string, expect: string): Promise<boolean> => {
		// Under load the panel can still be re-rendering from the last node added: its search bar is then
		// replaced while being filled. Close the panel and open it again, at most three times.
		for (let attempt = 1; ; attempt++) {
			const filled = await (await nodePanel()).fill(text, { timeout: 20_000 }).then(() => true, (error: unknown) => error);
			if (filled === true) break;
			if (attempt >= 3) throw filled;
			await page().keyboard.press('Escape');
			await page().waitForSelector('[data-test-id=node-creator-search-bar]', { state: 'hidden', timeout: 10_000 }).catch(() => undefined);
		}
		const entry = page().locator('[data-test-id=node-creator-item-name]', { hasText: exactly(expect) });
		return await entry
			.first()
			.waitFor({ timeout: 10_000 })
			.then(() => true)
			.catch(() => false);
	};

	beforeAll(async () => {
		for (const platform of await demoPlatforms()) {
			const sim = platform.create();
			sims.push(sim);
			for (const credential of platform.credentials(await sim.start())) demo.push({ sim, credential });
		}
		ctx.n8n = await N8nHarness.create('editor');
		server = await ctx.n8n.startServer();
		ui = await openEditorBrowser(server.url);
	});

	afterAll(async () => {
		await ui?.browser.close();
		await server?.stop();
		ctx.n8n?.dispose();
		await Promise.all(sims.map((s) => s.stop()));
	});

	it('signs in to a fresh n8n: the owner account is created in the setup form', async () => {
		await page().goto(server!.url, { waitUntil: 'commit', timeout: 180_000 });
		await page().waitForSelector('[data-test-id=setup-form]', { timeout: 180_000 });
		for (const [field, value] of Object.entries(OWNER)) await page().fill(`input[name=${field}]`, value);
		await page().click('[data-test-id=form-submit-button]');
		await page().waitForURL((url) => !url.pathname.includes('setup'), { timeout: 120_000 });
		await page().waitForSelector('[data-test-id=main-sidebar-settings]', { timeout: 120_000 });
		const cookie = (await page().context().cookies()).find((c) => c.name === 'n8n-auth');
		expect(cookie?.value).toEqual(expect.any(String));
		// The rest of the setup as the owner, over the REST API: the demo credentials, the examples, an empty canvas.
		ctx.rest = await N8nRest.signIn(server!.url, OWNER.email, OWNER.password);
		ctx.credentialIds = {};
		for (const { credential } of demo) ctx.credentialIds[credential.type] = await ctx.rest.createCredential(credential);
		for (const example of examples()) exampleIds[example.file] = (await ctx.rest.createWorkflow(adapt(example, ctx))).id;
		canvasId = (
			await ctx.rest.createWorkflow({
				name: 'Editor test',
				nodes: [{ id: 'start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} }],
				connections: {},
				settings: { executionOrder: 'v1' },
			})
		).id;
		nodes = (await ctx.rest.nodeTypes()).filter((t) => t.name.startsWith(PACKAGE_PREFIX) && !t.name.endsWith('Tool'));
		expect(nodes.length).toBeGreaterThan(0);
	});

	it('finds every node in the node panel by its name, and by its Chinese and pinyin keywords', async () => {
		expect(nodes.length).toBeGreaterThan(0);
		await openWorkflow(canvasId);
		const missed: string[] = [];
		for (const node of nodes) {
			const aliases = node.codex?.alias ?? [];
			expect({ node: node.name, keywords: aliases.some((a) => /\p{Script=Han}/u.test(a)) }).toEqual({ node: node.name, keywords: true });
			for (const text of [node.displayName, ...aliases]) {
				if (!(await search(text, entryName(node)))) missed.push(`"${text}" does not find ${entryName(node)}`);
				if (node.name === SHOWCASE && /\p{Script=Han}/u.test(text)) await ui.screenshot('editor-node-panel');
			}
		}
		expect(missed).toEqual([]);
		await page().keyboard.press('Escape');
	});

	it("opens every operation from the node panel: its fields render, lists offer entries, each credential's test passes in its dialog, and the browser reports no error", async () => {
		expect(nodes.length).toBeGreaterThan(0);
		const report: IDataObject[] = [];
		const tested = new Set<string>();
		const modal = '[data-test-id=editCredential-modal]';
		/**
		 * The credential dialog of the node's selected credential, as it stands: opening it runs the
		 * credential's test, and its result's Retry button runs it again. Nothing is edited, so the stored
		 * credential stays as the setup made it and the dialog closes without asking about unsaved changes.
		 * (Typing a character and deleting it to enable Save raced n8n's debounced input: the credential
		 * could be saved with the character, tested broken, and left with unsaved changes.)
		 */
		const testCredential = async (): Promise<string> => {
			await page().click('[data-test-id=credential-edit-button]');
			const dialog = page().locator(modal);
			const success = dialog.locator('[data-test-id=credentials-config-container-test-success]');
			// Both results (passed, and "Couldn't connect") carry a Retry button; the one shown is the result.
			const retry = dialog.getByRole('button', { name: 'Retry', exact: true }).filter({ visible: true });
			const shown = await retry.waitFor({ timeout: 60_000 }).then(() => true, () => false);
			if (!shown) return `no result shown: ${(await dialog.innerText()).replace(/\s+/g, ' ').slice(0, 300)}`;
			// A click while the dialog is still re-rendering can be lost on a busy machine: clicked again, at most three times.
			let answer: { data?: { status?: string; message?: string } } | undefined;
			for (let attempt = 0; attempt < 3 && !answer; attempt++) {
				const tested = page()
					.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/rest/credentials/test', { timeout: 40_000 })
					.catch(() => undefined);
				await retry.click();
				const response = await tested;
				if (response) answer = (await response.json()) as typeof answer;
			}
			if (!answer) return 'failed: the credential test was not answered after three clicks on Retry';
			// The dialog shows the new result when its Retry button is back (it reads "Retrying" meanwhile).
			await retry.waitFor({ timeout: 60_000 });
			const passed = answer.data?.status === 'OK' && (await success.isVisible());
			return passed ? 'passed' : `failed: ${answer.data?.message ?? JSON.stringify(answer)} (dialog: ${(await dialog.innerText()).replace(/\s+/g, ' ').slice(0, 200)})`;
		};
		/** Closes the dialog with its close button (Escape can reach the node's view behind it). */
		const closeCredential = async () => {
			await page().click(`${modal} .el-dialog__headerbtn`);
			await page().waitForSelector(modal, { state: 'hidden', timeout: 20_000 });
		};
		// The node just added, beside the workflow's Start.
		const added = page().locator('[data-test-id=canvas-node]:not([data-node-name="Start"])');
		for (const node of nodes) {
			// n8n adds its own Custom API Call to nodes whose credentials authenticate requests; it has no entry in the panel.
			const operations = operationsOf(node).filter((op) => op.operation !== '__CUSTOM_API_CALL__');
			for (const op of operations) {
				const started = Date.now();
				const name = `${node.displayName}: ${op.action ?? op.operation}`;
				expect(await search(node.displayName, entryName(node))).toBe(true);
				await page().locator('[data-test-id=node-creator-item-name]', { hasText: exactly(entryName(node)) }).first().click();
				// The entry found by its text: the panel may still be replacing the search results with the
				// node's actions (and adding its triggers), so a position read a moment earlier can point elsewhere.
				const actions = page().locator('[data-test-id=item-iterator-item]');
				const action = actions.filter({ hasText: actionText(op.action ?? op.operation) }).first();
				if (!(await action.waitFor({ timeout: 20_000 }).then(() => true, () => false))) {
					report.push({ operation: name, problem: 'not in the node panel', offered: await actions.allInnerTexts() });
					await page().keyboard.press('Escape');
					continue;
				}
				await action.click();
				await page().waitForSelector('[data-test-id=ndv]');
				await page().waitForSelector('[data-test-id=node-parameters]');
				const shown = plain(await page().innerText('[data-test-id=node-parameters]'));
				const missing = fieldsOf(node, op)
					.map((p) => p.displayName ?? p.name)
					.filter((label) => !shown.includes(plain(label)));
				// "From list": every list offers entries; picking the first of each fills what depends on it.
				const emptyLists: string[] = [];
				for (const list of listsOf(node, op)) {
					await page().click(`[data-test-id=resource-locator-${list.name}] [data-test-id=rlc-input]`);
					const entry = page().locator('[data-test-id=rlc-item]:visible').first();
					if (await entry.waitFor({ timeout: 20_000 }).then(() => true, () => false)) await entry.click();
					else emptyLists.push(list.name);
				}
				if (shownFor(node, op).some((p) => p.type === 'resourceMapper')) {
					const mapped = await page()
						.locator('[data-test-id=mapping-fields-container] [data-test-id^=parameter-input-]')
						.first()
						.waitFor({ timeout: 20_000 })
						.then(() => true, () => false);
					if (!mapped) emptyLists.push('the mapped fields');
					else await ui.screenshot('editor-pick-list');
				}
				if (node.name === SHOWCASE && op.operation === 'send' && !listsOf(node, op).length) await ui.screenshot('editor-operation');
				// Each credential type the node asks for is tested, in the first operation that shows it.
				const untested = credentialsFor(node, op).filter((c) => !tested.has(`${node.name} ${c}`));
				let credentialTest = 'not asked';
				if (untested.length) {
					untested.forEach((c) => tested.add(`${node.name} ${c}`));
					credentialTest = `${untested.join(', ')}: ${await testCredential()}`;
					if (node.name === SHOWCASE && untested.includes('dingTalkApi')) await ui.screenshot('editor-credential-test');
					await closeCredential();
				}
				await page().click('[data-test-id=ndv-close-button]');
				await page().waitForSelector('[data-test-id=ndv]', { state: 'hidden' });
				// Removed again, so that each operation is added after Start alone (not after the previous
				// operation's node, whose output n8n would look up to preview in the input panel).
				await added.first().click();
				await page().keyboard.press('Delete');
				await added.first().waitFor({ state: 'detached', timeout: 20_000 });
				const problems = ui.since(started).map((p) => `${p.kind}: ${p.text}`);
				report.push({ operation: name, missing, emptyLists, credentialTest, problems });
			}
		}
		const passed = (r: IDataObject) => String(r.credentialTest).replace(/: .*$/s, ': passed');
		const expected = report.map((r) => ({ operation: r.operation, missing: [], emptyLists: [], credentialTest: r.credentialTest === 'not asked' ? 'not asked' : passed(r), problems: [] }));
		expect(report.length).toBeGreaterThan(nodes.length);
		// Every credential type of every node with operations was asked for in one of them, and so tested.
		const asked = nodes.filter((n) => operationsOf(n).length).flatMap((n) => (n.credentials ?? []).map((c) => `${n.name} ${c.name}`));
		expect({ report, tested: [...tested].sort() }).toEqual({ report: expected, tested: asked.sort() });
	});

	it('runs an example workflow and shows its output in the table', async () => {
		const showcase = nodes.find((n) => n.name === SHOWCASE) ?? nodes.find((n) => operationsOf(n).length)!;
		const example = exampleFor(showcase, (op) => /^send/.test(op) && op !== 'sendAndWait');
		expect(example?.file).toEqual(expect.stringMatching(/\.json$/));
		const sim = demo.find((d) => showcase.credentials?.some((c) => c.name === d.credential.type))!.sim;
		const nodeName = String(example!.data.nodes.find((n) => n.type === showcase.name)!.name);
		await openWorkflow(exampleIds[example!.file]);
		const started = Date.now();
		const records = sim.records.length;
		await page().click('[data-test-id=execute-workflow-button]');
		const node = page().locator(`[data-test-id=canvas-node][data-node-name="${nodeName}"]`);
		await node.locator('[data-test-id=canvas-node-status-success]').waitFor({ timeout: 120_000 });
		await node.dblclick();
		const table = page().locator('[data-test-id=output-panel] table');
		await table.waitFor();
		const headers = (await table.locator('th').allInnerTexts()).map((t) => t.trim()).filter(Boolean);
		const cells = (await table.locator('td').allInnerTexts()).map((t) => t.trim()).filter(Boolean);
		await ui.screenshot('editor-output');
		expect({ example: example!.file, sent: sim.records.length - records, columns: headers.length > 0, values: cells.length >= headers.length, problems: ui.since(started) }).toEqual({
			example: example!.file,
			sent: 1,
			columns: true,
			values: true,
			problems: [],
		});
	});
});
