import type { IDataObject } from 'n8n-workflow';
import type { SimServer } from '../sim/base';
import { demoPlatforms } from '../sim/demo';
import type { DemoCredential } from '../sim/demo-types';
import type { Corpus } from './bad-input/corpus';
import { caseItems, marksIn, merge } from './bad-input/corpus';
import { dhcCorpus } from './bad-input/dhc';
import { dingTalkCorpus } from './bad-input/dingtalk';
import { eazytecCorpus } from './bad-input/eazytec';
import { kingdeeCorpus } from './bad-input/kingdee';
import { vanytechCorpus } from './bad-input/vanytech';
import { savedExecutions } from './executions';
import type { SavedExecution } from './executions';
import { N8nHarness, workflow } from './harness';

/**
 * The bad-input corpus of every node in one real n8n: each case twice, as a workflow of three
 * items with the bad value in item 2 — once without Continue On Fail (the error names item 2 and
 * the field, and nothing reaches the simulator), once with it (items 1 and 3 are sent once, item
 * 2 is an error item with sent: false). All stopping workflows run in one execute-batch, then all
 * continuing ones in another.
 */
const CORPORA: Corpus[] = [vanytechCorpus, kingdeeCorpus, dhcCorpus, eazytecCorpus, dingTalkCorpus];
const only = process.env.CORPUS?.split(',');
const corpora = CORPORA.filter((c) => !only || only.includes(c.platform));

const idOf = (c: Corpus, k: number) => `${c.platform.slice(0, 4)}${String(k + 1).padStart(2, '0')}`;

describe('bad-input corpus in a real n8n', () => {
	const sims: Record<string, SimServer> = {};
	let n8n: N8nHarness;
	const stopped: Record<string, SavedExecution> = {};
	const continued: Record<string, SavedExecution> = {};
	/** Calls each simulator received while the stopping workflows ran. */
	const callsWhileStopping: Record<string, string[]> = {};

	beforeAll(async () => {
		const credentials: Record<string, DemoCredential[]> = {};
		for (const platform of await demoPlatforms()) {
			if (!corpora.some((c) => c.platform === platform.key)) continue;
			const sim = platform.create();
			sims[platform.key] = sim;
			credentials[platform.key] = platform.credentials(await sim.start());
		}
		n8n = await N8nHarness.create('bad-input');
		await n8n.importCredentials(Object.values(credentials).flat());
		const workflows: IDataObject[] = [];
		for (const corpus of corpora) {
			const creds = credentials[corpus.platform];
			corpus.cases.forEach((c, k) => {
				const id = idOf(corpus, k);
				const wanted = corpus.credentials?.[c.base];
				const cred = wanted === undefined ? creds[0] : creds.find((d) => d.id === wanted);
				if (!cred) throw new Error(`${corpus.platform} has no demo credential ${wanted}`);
				const node = { name: 'Send', type: corpus.node, parameters: merge(corpus.bases[c.base], c.set), credentials: { [cred.type]: { id: cred.id, name: cred.name } } };
				workflows.push(workflow(`${id}s`, [node], caseItems(id, c)));
				workflows.push(workflow(`${id}c`, [{ ...node, continueOnFail: true }], caseItems(id, c)));
			});
		}
		await n8n.importWorkflows(workflows);
		const ids = corpora.flatMap((corpus) => corpus.cases.map((_, k) => idOf(corpus, k)));
		await n8n.runBatch(ids.map((id) => `${id}s`));
		for (const [key, sim] of Object.entries(sims)) callsWhileStopping[key] = sim.calls.map((c) => c.route);
		await n8n.runBatch(ids.map((id) => `${id}c`));
		for (const e of savedExecutions(n8n)) (e.workflowId.endsWith('s') ? stopped : continued)[e.workflowId.slice(0, -1)] = e;
	});

	afterAll(async () => {
		n8n?.dispose();
		await Promise.all(Object.values(sims).map(async (s) => await s.stop()));
	});

	describe.each(corpora.map((c) => [c.platform, c] as const))('%s', (_platform, corpus) => {
		const out = (e: SavedExecution | undefined) => (e?.runData.Send?.[0]?.data?.main?.[0] ?? []).map((i) => i.json);

		it(`has at least 30 cases`, () => {
			expect(corpus.cases.length).toBeGreaterThanOrEqual(30);
		});

		it('without Continue On Fail: every case stops with an error naming item 2 and the field, and nothing reaches the simulator', () => {
			const wrong = corpus.cases.flatMap((c, k) => {
				const e = stopped[idOf(corpus, k)];
				const message = String(e?.error?.message ?? '');
				return e?.status === 'error' && message.startsWith(`Item 2, field "${c.field}":`) ? [] : [{ case: idOf(corpus, k), why: c.why, status: e?.status, message }];
			});
			expect(wrong).toEqual([]);
			expect(callsWhileStopping[corpus.platform]).toEqual([]);
		});

		it('with Continue On Fail: items 1 and 3 are sent once, item 2 is an error item with sent: false naming the field', () => {
			const accepted = new Map<string, number>();
			for (const r of sims[corpus.platform].records) {
				for (const m of marksIn(r.payload)) accepted.set(`${m.id} ${m.n}`, (accepted.get(`${m.id} ${m.n}`) ?? 0) + 1);
			}
			const wrong = corpus.cases.flatMap((c, k) => {
				const id = idOf(corpus, k);
				const json = out(continued[id]);
				const got = {
					sent: [1, 2, 3].map((n) => accepted.get(`${id} ${n}`) ?? 0),
					error: String(json[1]?.error ?? ''),
					sentField: json[1]?.sent,
					outputs: json.length,
				};
				const ok =
					got.sent.join() === '1,0,1' && got.error.startsWith(`Item 2, field "${c.field}":`) && got.sentField === false && got.outputs === 3;
				return ok ? [] : [{ case: id, why: c.why, ...got, status: continued[id]?.status }];
			});
			expect(wrong).toEqual([]);
		});
	});
});
