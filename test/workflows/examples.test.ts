import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IDataObject } from 'n8n-workflow';
import type { SimServer } from '../sim/base';
import { demoPlatforms } from '../sim/demo';
import type { DemoCredential } from '../sim/demo-types';
import { N8nHarness } from './harness';

const EXAMPLES = join(__dirname, '..', '..', 'examples');

/** Every example workflow, imported as a user would and run against the simulators. */
describe('example workflows in a real n8n', () => {
	const sims: SimServer[] = [];
	let n8n: N8nHarness;
	const workflows = readdirSync(EXAMPLES)
		.filter((f) => f.endsWith('.json'))
		// `n8n execute-batch` takes only ids with a digit in them: give each example one for the run.
		.map((f, k) => ({ file: f, data: { ...(JSON.parse(readFileSync(join(EXAMPLES, f), 'utf8')) as IDataObject), id: `example${k + 1}` } }));
	const manual = workflows.filter((w) =>
		(w.data.nodes as IDataObject[]).some((n) => n.type === 'n8n-nodes-base.manualTrigger'),
	);

	beforeAll(async () => {
		const credentials: DemoCredential[] = [];
		for (const platform of await demoPlatforms()) {
			const sim = platform.create();
			sims.push(sim);
			credentials.push(...platform.credentials(await sim.start()));
		}
		n8n = await N8nHarness.create('examples');
		await n8n.importCredentials(credentials);
		await n8n.importWorkflows(workflows.map((w) => w.data));
	});

	afterAll(async () => {
		n8n?.dispose();
		await Promise.all(sims.map((s) => s.stop()));
	});

	it('every example refers only to credentials the demo provides and to nodes of this package', async () => {
		const ids = new Set<string>();
		for (const platform of await demoPlatforms()) for (const c of platform.credentials('http://127.0.0.1:1')) ids.add(c.id);
		for (const w of workflows) {
			for (const node of w.data.nodes as IDataObject[]) {
				for (const ref of Object.values((node.credentials ?? {}) as Record<string, { id: string }>)) {
					expect({ file: w.file, credential: ref.id, known: ids.has(ref.id) }).toEqual({ file: w.file, credential: ref.id, known: true });
				}
			}
		}
		expect(manual.length).toBeGreaterThan(10);
	});

	it('every example with a manual trigger runs successfully against the simulators', async () => {
		const { results, output } = await n8n.runBatch(manual.map((w) => String(w.data.id)));
		const summary = (results as { summary?: IDataObject }).summary ?? {};
		// Failed workflows listed by id with their error, so a failure says which example broke.
		expect({ failed: summary.failedExecutions, errors: summary.errors, output: summary.failedExecutions ? output.slice(-2000) : '' }).toEqual({
			failed: 0,
			errors: [],
			output: '',
		});
		expect({ successful: summary.successfulExecutions, summary: summary.successfulExecutions === manual.length ? '' : JSON.stringify(summary).slice(0, 3000) }).toEqual({ successful: manual.length, summary: '' });
	});
});
