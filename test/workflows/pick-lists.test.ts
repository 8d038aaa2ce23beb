import type { IDataObject } from 'n8n-workflow';
import type { SimServer } from '../sim/base';
import { demoPlatforms } from '../sim/demo';
import type { DemoCredential } from '../sim/demo-types';
import { adapt, examples } from './example-workflows';
import type { CompatContext, Example } from './example-workflows';
import { N8nHarness } from './harness';
import { N8nRest, PACKAGE_PREFIX } from './rest';
import type { NodeTypeInfo } from './rest';

type Locator = { __rl: true; mode: string; value: string; cachedResultName?: string };

function isLocator(value: unknown): value is Locator {
	return typeof value === 'object' && value !== null && (value as Locator).__rl === true;
}

/** The example's node of this package that sets `parameter`, if any. */
function exampleSetting(all: Example[], nodeType: string, parameter: string): { example: Example; node: IDataObject } | undefined {
	for (const example of all) {
		const node = example.data.nodes.find((n) => n.type === nodeType && (n.parameters as IDataObject)[parameter] !== undefined);
		if (node) return { example, node };
	}
	return undefined;
}

/**
 * Pick-lists as the editor uses them, in a running n8n: every resource locator of the package that
 * offers "From list" and every resource mapper is asked for its entries, with the parameters an
 * example workflow gives the node; and every example that picks an ID from a list also runs with
 * the ID typed ("By ID"), given by an expression, or saved as plain text by an older version.
 */
describe('pick-lists (resource locators and mappers) in a running n8n', () => {
	const sims: SimServer[] = [];
	const demo: DemoCredential[] = [];
	const ctx = {} as CompatContext;
	let server: { url: string; stop: () => Promise<void> } | undefined;
	let packageNodes: NodeTypeInfo[] = [];
	const all = examples();

	const credentialsFor = (node: NodeTypeInfo): IDataObject =>
		Object.fromEntries(
			(node.credentials ?? []).map((c) => [c.name, { id: ctx.credentialIds[c.name], name: demo.find((d) => d.type === c.name)?.name ?? c.name }]),
		);

	beforeAll(async () => {
		for (const platform of await demoPlatforms()) {
			const sim = platform.create();
			sims.push(sim);
			demo.push(...platform.credentials(await sim.start()));
		}
		ctx.n8n = await N8nHarness.create('pick-lists');
		server = await ctx.n8n.startServer();
		ctx.rest = await N8nRest.asNewOwner(server.url);
		ctx.credentialIds = {};
		for (const c of demo) {
			// By the demo's id (what examples name) and, for the first of each type, by type.
			const id = await ctx.rest.createCredential(c);
			ctx.credentialIds[c.id] = id;
			ctx.credentialIds[c.type] ??= id;
		}
		packageNodes = (await ctx.rest.nodeTypes()).filter((t) => t.name.startsWith(PACKAGE_PREFIX) && !t.name.endsWith('Tool'));
	});

	afterAll(async () => {
		await server?.stop();
		ctx.n8n?.dispose();
		await Promise.all(sims.map((s) => s.stop()));
	});

	it('every "From list" answers with entries, finds them by search, and holds what the examples picked', async () => {
		const checked: IDataObject[] = [];
		for (const node of packageNodes) {
			for (const property of node.properties.filter((p) => p.type === 'resourceLocator')) {
				const modes = ((property as IDataObject).modes ?? []) as Array<{ name: string; typeOptions?: { searchListMethod?: string } }>;
				const methodName = modes.find((m) => m.name === 'list')?.typeOptions?.searchListMethod;
				if (!methodName) continue;
				const shown = exampleSetting(all, node.name, property.name);
				const label = `${node.name} ${property.name}`;
				expect({ locator: label, example: shown ? 'found' : 'none' }).toEqual({ locator: label, example: 'found' });
				const ask = async (filter?: string) => {
					const r = await ctx.rest.api('POST', '/rest/dynamic-node-parameters/resource-locator-results', {
						path: `parameters.${property.name}`,
						nodeTypeAndVersion: { name: node.name, version: 1 },
						methodName,
						filter,
						currentNodeParameters: shown!.node.parameters,
						credentials: credentialsFor(node),
					});
					return { status: r.status, results: ((r.json.data as IDataObject)?.results ?? []) as Array<{ name: string; value: string }> };
				};
				const listed = await ask();
				const picked = (shown!.node.parameters as IDataObject)[property.name];
				const pickedId = isLocator(picked) ? picked.value : String(picked);
				const first = listed.results[0];
				const searched = first ? await ask(first.name.slice(0, 4)) : { status: 0, results: [] };
				checked.push({
					locator: label,
					status: listed.status,
					entries: listed.results.length > 0,
					holdsTheExamplesPick: listed.results.some((r) => r.value === pickedId),
					searchFindsFirst: searched.results.some((r) => r.value === first?.value),
				});
			}
		}
		expect(checked.length).toBeGreaterThan(0);
		expect(checked).toEqual(checked.map((c) => ({ locator: c.locator, status: 200, entries: true, holdsTheExamplesPick: true, searchFindsFirst: true })));
	});

	it('every resource mapper offers fields for what the example picked', async () => {
		const checked: IDataObject[] = [];
		for (const node of packageNodes) {
			for (const property of node.properties.filter((p) => p.type === 'resourceMapper')) {
				const methodName = ((property.typeOptions?.resourceMapper ?? {}) as IDataObject).resourceMapperMethod as string;
				const shown = exampleSetting(all, node.name, property.name);
				const label = `${node.name} ${property.name}`;
				expect({ mapper: label, example: shown ? 'found' : 'none' }).toEqual({ mapper: label, example: 'found' });
				const r = await ctx.rest.api('POST', '/rest/dynamic-node-parameters/resource-mapper-fields', {
					path: `parameters.${property.name}`,
					nodeTypeAndVersion: { name: node.name, version: 1 },
					methodName,
					currentNodeParameters: shown!.node.parameters,
					credentials: credentialsFor(node),
				});
				const fields = (((r.json.data as IDataObject)?.fields ?? []) as IDataObject[]).map((f) => String(f.id));
				const given = Object.keys((((shown!.node.parameters as IDataObject)[property.name] as IDataObject)?.value ?? {}) as IDataObject);
				checked.push({ mapper: label, status: r.status, fields: fields.length > 0, coversTheExample: given.every((g) => fields.includes(g)) });
			}
		}
		expect(checked.length).toBeGreaterThan(0);
		expect(checked).toEqual(checked.map((c) => ({ mapper: c.mapper, status: 200, fields: true, coversTheExample: true })));
	});

	it('an ID picked from a list, typed, given by an expression, or saved as plain text by an older version, runs the same', async () => {
		const picking = all.filter(
			(e) =>
				e.data.nodes.some((n) => n.type === 'n8n-nodes-base.manualTrigger') &&
				e.data.nodes.some((n) => String(n.type).startsWith(PACKAGE_PREFIX) && Object.values(n.parameters as IDataObject).some(isLocator)),
		);
		expect(picking.length).toBeGreaterThan(0);
		const results: IDataObject[] = [];
		for (const example of picking) {
			// The expression reads the webhook's body from the trigger (later nodes' $json is another node's output).
			const trigger = example.data.nodes.find((n) => n.type === 'n8n-nodes-base.manualTrigger')!.name;
			const forms: Record<string, (l: Locator, key: string) => unknown> = {
				list: (l) => l,
				typed: (l) => ({ __rl: true, mode: 'id', value: l.value }),
				// The trigger's name as a JSON string literal (n8n's default name holds apostrophes).
				expression: (_l, key) => ({ __rl: true, mode: 'id', value: `={{ $(${JSON.stringify(String(trigger))}).first().json.body.${key} }}` }),
				plain: (l) => l.value,
			};
			const body: IDataObject = {};
			for (const [form, shape] of Object.entries(forms)) {
				const nodes = example.data.nodes.map((n) => {
					const parameters = { ...(n.parameters as IDataObject) };
					for (const [key, value] of Object.entries(parameters)) {
						if (!isLocator(value)) continue;
						body[key] = value.value;
						parameters[key] = shape(value, key) as IDataObject;
					}
					return { ...n, parameters };
				});
				const path = `pick-${form}-${example.file.replace('.json', '')}`;
				await ctx.rest.activate(await ctx.rest.createWorkflow(adapt({ file: example.file, data: { ...example.data, nodes } }, ctx, { path, responseMode: 'lastNode' })));
				await ctx.rest.awaitWebhook(`/webhook/${path}`);
				const res = await fetch(`${ctx.rest.url}/webhook/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
				const answer = await res.text();
				results.push({ example: example.file, form, status: res.status, items: res.status === 200 ? (JSON.parse(answer) as unknown[]).length > 0 : answer.slice(0, 300) });
			}
		}
		expect(results).toEqual(results.map((r) => ({ example: r.example, form: r.form, status: 200, items: true })));
	});
});
