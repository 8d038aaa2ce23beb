import { createVanytechSim, VANYTECH_DEMO } from '../sim/vanytech';
import type { VanytechSim } from '../sim/vanytech';
import { jsonOf, N8nHarness, workflow } from './harness';
import type { RunResult } from './harness';

const CRED = { id: 'vanytechCred01', name: 'Vanytech (simulator)' };
const credentials = { vanytechMessageCenterApi: CRED };
const SEND = 'POST /message/sendMessageApi';
const TOKEN_CALLS = ['GET /msg/getThirdAPIToken', 'POST /msg/getThirdAPIToken'];

function sendParams(overrides: Record<string, unknown> = {}) {
	return {
		resource: 'message',
		operation: 'send',
		title: '={{ "Notice " + $json.n }}',
		content: 'Please read.',
		channels: ['Portal'],
		receiversInput: 'list',
		receivers: { receiver: [{ userId: '={{ $json.user }}', name: 'Receiver' }] },
		...overrides,
	};
}

function items(n: number, user = VANYTECH_DEMO.users[0].userId) {
	return Array.from({ length: n }, (_, k) => ({ n: k + 1, user }));
}

describe('Vanytech Message Center in a real n8n', () => {
	let sim: VanytechSim;
	let n8n: N8nHarness;
	const tokenExchanges = () => sim.calls.filter((c) => TOKEN_CALLS.includes(c.route)).length;
	const sentTitles = () => sim.recordsOf(SEND).map((r) => r.payload.msgtitle);

	beforeAll(async () => {
		sim = createVanytechSim();
		const url = await sim.start();
		n8n = await N8nHarness.create('vanytech');
		await n8n.importCredentials([
			{
				...CRED,
				type: 'vanytechMessageCenterApi',
				data: { baseUrl: url, appId: VANYTECH_DEMO.appId, appPassword: VANYTECH_DEMO.appPassword, exchangeMethod: 'POST' },
			},
		]);
		await n8n.importWorkflows([
			workflow('vanySend25', [{ name: 'Send', type: 'vanytechMessageCenter', parameters: sendParams(), credentials }], items(25)),
			workflow(
				'vanyBadInput',
				[{ name: 'Send', type: 'vanytechMessageCenter', parameters: sendParams({ title: '={{ $json.n === 2 ? "" : "Notice " + $json.n }}' }), credentials }],
				items(3),
			),
			workflow(
				'vanyContinue',
				[
					{
						name: 'Send',
						type: 'vanytechMessageCenter',
						parameters: sendParams({ title: '={{ $json.n === 2 ? "" : "Notice " + $json.n }}' }),
						credentials,
						continueOnFail: true,
					},
				],
				items(3),
			),
		]);
	});

	afterAll(async () => {
		n8n?.dispose();
		await sim?.stop();
	});

	beforeEach(() => {
		sim.records = [];
		sim.calls = [];
		sim.faults = [];
		sim.revokeAfterRecords = 0;
	});

	const expectNoSecret = (run: RunResult, secrets: string[]) => {
		for (const s of secrets) expect(run.output).not.toContain(s);
	};

	it('50 items over two executions cost exactly one token exchange, and the token is stored', async () => {
		const first = await n8n.run('vanySend25');
		const second = await n8n.run('vanySend25');
		expect(first.status).toBe('success');
		expect(second.status).toBe('success');
		expect(jsonOf(first, 'Send')).toHaveLength(25);
		expect(jsonOf(first, 'Send')[0].msgId).toEqual(expect.any(String));
		expect(sim.recordsOf(SEND)).toHaveLength(50);
		expect(tokenExchanges()).toBe(1);
		const stored = await n8n.credential(CRED.id);
		expect(stored.token).toEqual(expect.any(String));
		expect(sim.tokens.check(stored.token)).toBe('ok');
		expect(Number(stored.expiresAt)).toBeGreaterThan(Date.now() + 3600_000);
		expectNoSecret(first, [VANYTECH_DEMO.appPassword, String(stored.token)]);
	});

	it('a token revoked in the middle of a run is renewed once and every item is delivered exactly once', async () => {
		const hadToken = Boolean((await n8n.credential(CRED.id)).token);
		sim.revokeAfterRecords = 10;
		const run = await n8n.run('vanySend25');
		expect(run.status).toBe('success');
		// One renewal (plus the first exchange when this test runs alone).
		expect(tokenExchanges()).toBe(hadToken ? 1 : 2);
		const titles = sentTitles();
		expect(titles).toHaveLength(25);
		expect(new Set(titles).size).toBe(25);
		const out = jsonOf(run, 'Send');
		expect(out.map((o) => o.msgId).every((id) => typeof id === 'string')).toBe(true);
	});

	it('bad input in one item stops the run before anything is sent and names the item and field', async () => {
		const run = await n8n.run('vanyBadInput');
		expect(run.status).toBe('error');
		expect(String(run.error?.message)).toContain('Item 2, field "Title": is required');
		expect(sim.recordsOf(SEND)).toHaveLength(0);
		expect(sim.callsTo(SEND)).toHaveLength(0);
	});

	it('with Continue On Fail, the bad item becomes an error item paired to its input and the others are sent', async () => {
		const run = await n8n.run('vanyContinue');
		expect(run.status).toBe('success');
		const out = run.runData.Send[0].data!.main![0]!;
		expect(out).toHaveLength(3);
		expect(out.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(out[1].json.error).toContain('Item 2, field "Title"');
		expect(out[0].json.msgId).toEqual(expect.any(String));
		expect(sentTitles()).toEqual(['Notice 1', 'Notice 3']);
	});
});
