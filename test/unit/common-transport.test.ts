import type { IDataObject } from 'n8n-workflow';
import { Transport } from '../../nodes/common/transport';
import type { PlatformClient, Verdict } from '../../nodes/common/transport';
import { VanytechMessageCenterApi } from '../../credentials/VanytechMessageCenterApi.credentials';
import { vanytechClient } from '../../nodes/VanytechMessageCenter/transport';
import { SimServer } from '../sim/base';
import { createVanytechSim, VANYTECH_DEMO } from '../sim/vanytech';
import type { VanytechSim } from '../sim/vanytech';
import { fakeContext } from './support/fake-context';

const SEND = 'POST /message/sendMessageApi';
const sendOptions = (title: string) => ({
	method: 'POST' as const,
	url: '/message/sendMessageApi',
	headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
	body: {
		msgtitle: title,
		msgType: '1',
		msgContent: 'hello',
		sendStatus: '1',
		sendChannel: 'Portal',
		sendMode: 'normal',
		receivers: JSON.stringify([{ type: 'User', userId: '12345', name: 'A' }]),
	} as IDataObject,
});

describe('Transport (refresh-once, single-flight, no resend of unknown outcomes)', () => {
	let sim: VanytechSim;
	let url: string;
	beforeAll(async () => {
		sim = createVanytechSim();
		url = await sim.start();
	});
	afterAll(() => sim.stop());
	beforeEach(() => sim.clear());

	const context = (extra: IDataObject = {}) =>
		fakeContext({
			credentialType: 'vanytechMessageCenterApi',
			credential: new VanytechMessageCenterApi(),
			credentials: { baseUrl: url, appId: VANYTECH_DEMO.appId, appPassword: VANYTECH_DEMO.appPassword, exchangeMethod: 'POST', token: '', expiresAt: 0, ...extra },
		});
	const exchanges = () => sim.calls.filter((c) => c.path === '/msg/getThirdAPIToken').length;

	it('fetches one token for many concurrent requests', async () => {
		const ctx = context();
		const t = new Transport(ctx as never, vanytechClient);
		await Promise.all(Array.from({ length: 8 }, (_, k) => t.request(sendOptions(`m${k}`))));
		expect(exchanges()).toBe(1);
		expect(sim.recordsOf(SEND)).toHaveLength(8);
	});

	it('renews a revoked token once for all concurrent requests, and resends each refused request once', async () => {
		const ctx = context();
		const t = new Transport(ctx as never, vanytechClient);
		await t.request(sendOptions('warm-up'));
		sim.tokens.revokeAll();
		await Promise.all(Array.from({ length: 6 }, (_, k) => t.request(sendOptions(`after-${k}`))));
		expect(exchanges()).toBe(2);
		const titles = sim.recordsOf(SEND).map((r) => r.payload.msgtitle);
		expect(titles.filter((x) => String(x).startsWith('after-')).sort()).toEqual(['after-0', 'after-1', 'after-2', 'after-3', 'after-4', 'after-5']);
	});

	it('renews a token shortly before its stored expiry instead of failing first', async () => {
		const ctx = context();
		const t = new Transport(ctx as never, vanytechClient);
		await t.request(sendOptions('first'));
		ctx.store.expiresAt = Date.now() + 60_000; // inside the 5-minute margin
		await t.request(sendOptions('second'));
		expect(exchanges()).toBe(2);
		expect(sim.callsTo(SEND)).toHaveLength(2);
		expect(Number(ctx.store.expiresAt)).toBeGreaterThan(Date.now() + 3600_000);
	});

	it('gives up after two renewals when the platform keeps refusing the token', async () => {
		const ctx = context();
		const t = new Transport(ctx as never, vanytechClient);
		sim.fail({ count: 5, route: SEND, body: { rspCode: '500003', rspMsg: '无效的请求凭证' } });
		await expect(t.request(sendOptions('x'))).rejects.toThrow('Vanytech Message Center error 500003: Invalid token');
		// The stored token, then a renewed one, then one more renewed one (a crossing with another process is ruled out).
		expect(sim.callsTo(SEND)).toHaveLength(3);
	});

	it('never resends after another platform error', async () => {
		const ctx = context();
		const t = new Transport(ctx as never, vanytechClient);
		sim.fail({ count: 1, route: SEND, body: { rspCode: '999999', rspMsg: '其他异常信息' } });
		await expect(t.request(sendOptions('x'))).rejects.toThrow('error 999999');
		expect(sim.callsTo(SEND)).toHaveLength(1);
	});

	it('reports a wrong password without the password or token in the message', async () => {
		const ctx = context({ appPassword: 'definitely-wrong-password' });
		const t = new Transport(ctx as never, vanytechClient);
		const error = await t.request(sendOptions('x')).catch((e: Error) => e);
		expect(String((error as Error).message)).toContain('500002');
		expect(JSON.stringify(error)).not.toContain('definitely-wrong-password');
		expect(String((error as Error).message)).not.toContain('definitely-wrong-password');
		expect(sim.callsTo(SEND)).toHaveLength(0);
	});
});

describe('Transport retries and network failures', () => {
	const server = new SimServer('generic');
	let url: string;
	let answers: Array<IDataObject>;
	beforeAll(async () => {
		server.route('POST /op', () => ({ body: answers.shift() ?? { code: 'ok' } }));
		url = await server.start();
	});
	afterAll(() => server.stop());

	const client = (retry?: PlatformClient['retry']): PlatformClient => ({
		platform: 'Test Platform',
		credentialType: 'testApi',
		secretFields: ['secret'],
		retry,
		judge: (r): Verdict => {
			const code = String((r.body as IDataObject).code);
			if (code === 'ok') return { ok: true };
			return { ok: false, kind: code === 'busy' ? 'retry' : 'error', code };
		},
	});
	const ctx = () =>
		fakeContext({
			credentialType: 'testApi',
			credentials: { secret: 'top-secret-value' },
		});

	it('retries a documented "not accepted" answer a bounded number of times, then reports it', async () => {
		answers = [{ code: 'busy' }, { code: 'busy' }, { code: 'ok' }];
		const t = new Transport(ctx() as never, client({ attempts: 3, delayMs: 1 }));
		await expect(t.request({ method: 'POST', url: `${url}/op` })).resolves.toEqual({ code: 'ok' });
		answers = [{ code: 'busy' }, { code: 'busy' }, { code: 'busy' }];
		const t2 = new Transport(ctx() as never, client({ attempts: 2, delayMs: 1 }));
		await expect(t2.request({ method: 'POST', url: `${url}/op` })).rejects.toThrow('Test Platform error busy');
		expect(answers).toHaveLength(0);
	});

	it('reports an unreachable platform without resending', async () => {
		const t = new Transport(ctx() as never, client({ attempts: 3, delayMs: 1 }));
		const error = await t.request({ method: 'POST', url: 'http://127.0.0.1:9/op' }).catch((e: Error) => e);
		expect((error as Error).message).toContain('Test Platform could not be reached');
		expect((error as { description?: string }).description).toContain('not resent');
	});
});
