import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { kingdeeDemo } from '../sim/kingdee.demo';
import { createKingdeeSim, KINGDEE_DEMO, KINGDEE_ROUTES } from '../sim/kingdee';
import type { KingdeeSim } from '../sim/kingdee';
import { itemsOf, jsonOf, N8nHarness, workflow } from './harness';
import type { RunResult } from './harness';

const CRED = { id: 'kingdeeCred01', name: 'Kingdee JDY (simulator)' };
const STALE = { id: 'kingdeeStale01', name: 'Kingdee JDY (stored token past its renewal time)' };
const BAD = { id: 'kingdeeBad01', name: 'Kingdee JDY (wrong client secret)' };
const NO_DOMAIN = { id: 'kingdeeNoDomain01', name: 'Kingdee JDY (no domain typed)' };
const TYPED_DOMAIN = { id: 'kingdeeTypedDomain01', name: 'Kingdee JDY (domain typed for an answer without one)' };
const WRONG_SECRET = '99999999999999999999999999999999';

function sendParams(overrides: Record<string, unknown> = {}) {
	return {
		resource: 'message',
		operation: 'send',
		channels: ['XXZX', 'APP'],
		receivers: '={{ $json.user }}',
		title: '={{ "Notice " + $json.n }}',
		content: 'Please approve the purchase order.',
		options: {},
		...overrides,
	};
}

function items(n: number) {
	return Array.from({ length: n }, (_, k) => ({ n: k + 1, user: String(333 + (k % 3)) }));
}

const sendNode = (cred: { id: string; name: string }, overrides: Record<string, unknown> = {}, continueOnFail = false) => ({
	name: 'Send',
	type: 'kingdeeJdy',
	parameters: sendParams(overrides),
	credentials: { kingdeeJdyApi: cred },
	continueOnFail,
});

describe('Kingdee JDY in a real n8n', () => {
	let sim: KingdeeSim;
	let n8n: N8nHarness;
	const seenSecrets: string[] = [KINGDEE_DEMO.clientSecret, KINGDEE_DEMO.appSecret, WRONG_SECRET];
	const titles = () => sim.recordsOf(KINGDEE_ROUTES.send).map((r) => r.payload.title);
	const count = (route: string) => sim.callsTo(route).length;

	const expectNoSecret = async (run: RunResult) => {
		const stored = await n8n.credential(CRED.id);
		const secrets = [...seenSecrets, String(stored.appToken ?? ''), String(stored.learnedAppSecret ?? ''), sim.instance().appSecret];
		for (const s of secrets.filter((x) => x.length >= 8)) expect(run.output).not.toContain(s);
	};

	beforeAll(async () => {
		sim = createKingdeeSim();
		const url = await sim.start();
		n8n = await N8nHarness.create('kingdee');
		const data = {
			baseUrl: url,
			clientId: KINGDEE_DEMO.clientId,
			clientSecret: KINGDEE_DEMO.clientSecret,
			authorization: 'instance',
			outerInstanceId: KINGDEE_DEMO.outerInstanceId,
			uid: '',
		};
		await n8n.importCredentials([
			{ ...CRED, type: 'kingdeeJdyApi', data },
			// a token that is still valid at the platform but past the stored renewal time
			{ ...STALE, type: 'kingdeeJdyApi', data: { ...data, appToken: 'will-be-set', renewAfter: 1, learnedDomain: KINGDEE_DEMO.domain } },
			{ ...BAD, type: 'kingdeeJdyApi', data: { ...data, clientSecret: WRONG_SECRET } },
			{ ...NO_DOMAIN, type: 'kingdeeJdyApi', data },
			{ ...TYPED_DOMAIN, type: 'kingdeeJdyApi', data: { ...data, fallbackDomain: KINGDEE_DEMO.domain } },
			...kingdeeDemo.credentials(url),
		]);
		await n8n.importWorkflows([
			workflow('kdSend10', [sendNode(CRED)], items(10)),
			workflow('kdStale', [sendNode(STALE)], items(3)),
			workflow('kdBadSecret', [sendNode(BAD)], items(3)),
			workflow('kdContinue', [sendNode(CRED, { options: { rawResponse: true } }, true)], items(3)),
			workflow(
				'kdDomain',
				[
					{ ...sendNode(TYPED_DOMAIN, {}, true), name: 'Typed Domain' },
					{ ...sendNode(NO_DOMAIN, {}, true), name: 'No Domain', from: 'Items' },
				],
				items(2),
			),
			JSON.parse(readFileSync(join(__dirname, '..', '..', 'examples', 'kingdee-send.json'), 'utf8')),
		]);
	});

	afterAll(async () => {
		n8n?.dispose();
		await sim?.stop();
	});

	beforeEach(() => sim.clear({ keepTokens: true }));

	it('20 items over two executions cost one authorization and one token exchange; the token is stored', async () => {
		const first = await n8n.run('kdSend10');
		const second = await n8n.run('kdSend10');
		expect(first.status).toBe('success');
		expect(second.status).toBe('success');
		const out = jsonOf(first, 'Send');
		expect(out).toHaveLength(10);
		expect(out[0]).toEqual({ success: true, message: '执行成功', channels: ['XXZX', 'APP'], receivers: ['333'], title: 'Notice 1' });
		expect(itemsOf(first, 'Send').map((i) => i.pairedItem)).toEqual(Array.from({ length: 10 }, (_, k) => ({ item: k })));
		expect(sim.recordsOf(KINGDEE_ROUTES.send)).toHaveLength(20);
		expect(count(KINGDEE_ROUTES.authorize)).toBe(1);
		expect(count(KINGDEE_ROUTES.token)).toBe(1);
		const record = sim.recordsOf(KINGDEE_ROUTES.send)[0].payload;
		expect(record).toMatchObject({ channel: ['XXZX', 'APP'], receivers: ['333'], content: 'Please approve the purchase order.', uid: KINGDEE_DEMO.adminUid });
		const stored = await n8n.credential(CRED.id);
		expect(sim.tokens.check(stored.appToken)).toBe('ok');
		expect(Number(stored.renewAfter)).toBeGreaterThan(Date.now() + 23 * 3600_000);
		expect(stored.learnedDomain).toBe(KINGDEE_DEMO.domain);
		expect(stored.learnedAppKey).toBe(KINGDEE_DEMO.appKey);
		await expectNoSecret(first);
		await expectNoSecret(second);
	});

	it('a token revoked in the middle of a run (4011) is renewed once and every item is delivered exactly once', async () => {
		const hadToken = Boolean((await n8n.credential(CRED.id)).appToken);
		sim.revokeAfterRecords = 4;
		const run = await n8n.run('kdSend10');
		expect(run.status).toBe('success');
		expect(count(KINGDEE_ROUTES.token)).toBe(hadToken ? 1 : 2);
		expect(titles()).toHaveLength(10);
		expect(new Set(titles()).size).toBe(10);
		expect(jsonOf(run, 'Send').every((o) => o.success === true)).toBe(true);
		await expectNoSecret(run);
	});

	it('a rotated App Secret is learned again by the renewal (push_app_authorize) and the sends go through', async () => {
		await n8n.run('kdSend10'); // make sure a token is stored
		sim.clear({ keepTokens: true });
		const newSecret = sim.rotateAppSecret();
		seenSecrets.push(newSecret);
		sim.tokens.revokeAll();
		const run = await n8n.run('kdSend10');
		expect(run.status).toBe('success');
		expect(titles()).toHaveLength(10);
		expect(count(KINGDEE_ROUTES.authorize)).toBe(1);
		expect(count(KINGDEE_ROUTES.token)).toBe(1);
		const stored = await n8n.credential(CRED.id);
		expect(stored.learnedAppSecret).toBe(newSecret);
		expect(sim.tokens.check(stored.appToken)).toBe('ok');
		await expectNoSecret(run);
	});

	it('a stored token past its renewal time is renewed before sending, without a refused request', async () => {
		const run = await n8n.run('kdStale');
		expect(run.status).toBe('success');
		expect(count(KINGDEE_ROUTES.token)).toBe(1);
		expect(count(KINGDEE_ROUTES.send)).toBe(3); // no 4010 first
		expect(titles()).toHaveLength(3);
		const stored = await n8n.credential(STALE.id);
		expect(stored.appToken).not.toBe('will-be-set');
		expect(Number(stored.renewAfter)).toBeGreaterThan(Date.now());
	});

	it('a wrong Client Secret is reported clearly (4008, check the Client Secret) and nothing is sent', async () => {
		const run = await n8n.run('kdBadSecret');
		expect(run.status).toBe('error');
		const message = String(run.error?.message);
		expect(message).toContain('Kingdee JDY authorization (push_app_authorize) failed: error 4008');
		expect(message).toContain('Client Secret');
		expect(count(KINGDEE_ROUTES.send)).toBe(0);
		expect(count(KINGDEE_ROUTES.token)).toBe(0);
		expect(run.output).not.toContain(WRONG_SECRET);
		await expectNoSecret(run);
	});

	it('with Continue On Fail a platform error (2000002000) becomes an error item; raw answers when asked', async () => {
		sim.fail({ count: 1, route: KINGDEE_ROUTES.send, status: 200, body: { errcode: 2000002000, description: '系统错误,请到开发者社区提单反馈' } });
		const run = await n8n.run('kdContinue');
		expect(run.status).toBe('success');
		const out = itemsOf(run, 'Send');
		expect(out).toHaveLength(3);
		expect(out.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		const failed = out.filter((o) => o.json.error);
		expect(failed).toHaveLength(1);
		expect(String(failed[0].json.error)).toBe('Kingdee JDY error 2000002000: Kingdee system error (platform message: 系统错误,请到开发者社区提单反馈)');
		const ok = out.filter((o) => !o.json.error);
		expect(ok).toHaveLength(2);
		expect(ok[0].json.raw).toEqual({ data: { data: '执行成功', message: '失败原因', success: true }, description: 'success', errcode: 0 });
		expect(titles()).toHaveLength(2);
		// the fault answered one send; it was not resent
		expect(count(KINGDEE_ROUTES.send)).toBe(3);
		await expectNoSecret(run);
	});

	it('X-GW-Router-Addr is required: with no domain from Kingdee and none typed nothing is sent; a typed one stands in; an unknown code is explained', async () => {
		sim.settings.authorizeOmitsDomain = true;
		sim.fail({ count: 1, route: KINGDEE_ROUTES.send, status: 200, body: { errcode: 1012345678, description: '参数错误' } });
		try {
			const run = await n8n.run('kdDomain');
			expect(run.status).toBe('success');
			const noDomain = jsonOf(run, 'No Domain');
			expect(noDomain).toHaveLength(2);
			for (const o of noDomain) {
				expect(String(o.error)).toContain(
					`Kingdee JDY: the authorization answer (push_app_authorize) for instance ${KINGDEE_DEMO.outerInstanceId} has no domain and none is typed`,
				);
				expect(String(o.error)).toContain('nothing was sent');
			}
			// the typed domain routed the sends (the gateway refuses any other); the first met a code no table knows
			const typed = jsonOf(run, 'Typed Domain');
			expect(typed.filter((o) => o.error).map((o) => o.error)).toEqual([
				'Kingdee JDY error 1012345678: The platform reported an error (platform message: 参数错误)',
			]);
			const sent = typed.filter((o) => o.success === true);
			expect(sent).toHaveLength(1);
			expect(titles()).toEqual([sent[0].title]);
			expect(count(KINGDEE_ROUTES.send)).toBe(2);
			expect((await n8n.credential(TYPED_DOMAIN.id)).learnedDomain).toBe(KINGDEE_DEMO.domain);
			expect((await n8n.credential(NO_DOMAIN.id)).appToken ?? '').toBe('');
			await expectNoSecret(run);
		} finally {
			sim.settings.authorizeOmitsDomain = false;
		}
	});

	it('the example workflow runs as shipped with the demo credential', async () => {
		const run = await n8n.run('cnmsgExKingdeeSend');
		expect(run.status).toBe('success');
		expect(jsonOf(run, 'Send')).toEqual([
			{ success: true, message: '执行成功', channels: ['XXZX', 'APP'], receivers: ['333', '334'], title: '采购订单待审批' },
		]);
		expect(sim.recordsOf(KINGDEE_ROUTES.send).map((r) => r.payload.receivers)).toEqual([['333', '334']]);
	});
});
