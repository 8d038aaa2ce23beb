import type { IDataObject } from 'n8n-workflow';
import { Pace, paceOf } from '../../nodes/common/pace';
import { Transport } from '../../nodes/common/transport';
import type { PlatformClient, Verdict } from '../../nodes/common/transport';
import { RateLimiter, SimServer } from '../sim/base';
import { fakeContext } from './support/fake-context';

/** A platform that takes at most `qps` calls in any 1,000 ms and answers "rate" beyond it. */
function limitedServer() {
	const server = new SimServer('limited');
	server.route('POST /send', (req) => {
		if (server.rate.over()) return server.refuse(req, 'RATE', 'rate limit', { body: { code: 'RATE' } });
		return { body: { code: 'ok', id: server.record('POST /send', req.body ?? {}) } };
	});
	return server;
}

const client: PlatformClient = {
	platform: 'Limited Platform',
	credentialType: 'limitedApi',
	secretFields: [],
	judge: (r): Verdict => {
		const code = String((r.body as IDataObject).code);
		if (code === 'ok') return { ok: true };
		return { ok: false, kind: code === 'RATE' ? 'rate' : 'error', code };
	},
};

function transport(credentialId: string, rate: number): Transport {
	const ctx = fakeContext({ credentialType: client.credentialType, credentials: {} });
	(ctx.getNode().credentials as IDataObject)[client.credentialType] = { id: credentialId, name: credentialId };
	const t = new Transport(ctx as never, client);
	t.rate = rate;
	return t;
}

describe('the simulators\' rate limit is a strict sliding window', () => {
	it('refuses the (N+1)-th call in any 1,000 ms, wherever the window starts, and not a call 1,000 ms later', () => {
		const limiter = new RateLimiter(3);
		// A fixed window (0-999, 1000-1999) would take 3 at 900-999 and 3 more at 1000-1100.
		expect([900, 950, 999].map((t) => limiter.over(t))).toEqual([false, false, false]);
		expect([1000, 1100, 1898].map((t) => limiter.over(t))).toEqual([true, true, true]);
		expect(limiter.over(1900)).toBe(false); // 900 + 1000: the first call has left the window
		expect(limiter.over(1949.5)).toBe(true);
		expect(limiter.over(1950)).toBe(false);
		expect(limiter.limited).toBe(4);
		expect(limiter.busiestWindow()).toBe(3);
	});

	it('busiestWindow counts the most accepted calls in any window', () => {
		const limiter = new RateLimiter(0);
		limiter.qps = 100;
		for (const t of [0, 10, 500, 999, 1000, 1500]) limiter.over(t);
		expect(limiter.busiestWindow()).toBe(4); // 0, 10, 500, 999
	});
});

describe('pace: the rate of a credential, shared by every execution of the process', () => {
	const server = limitedServer();
	let url: string;
	beforeAll(async () => {
		url = await server.start();
	});
	afterAll(() => server.stop());
	beforeEach(() => server.clear());

	const send = (t: Transport, n: number) => t.request({ method: 'POST', url: `${url}/send`, body: { n }, json: true });

	it('keeps every 1,000 ms window at the server within the rate', async () => {
		server.rate.qps = 10;
		const t = transport('pace-one', 10);
		await Promise.all(Array.from({ length: 35 }, (_, n) => send(t, n)));
		expect(server.rate.limited).toBe(0);
		expect(server.records).toHaveLength(35);
		expect(server.rate.busiestWindow()).toBeLessThanOrEqual(10);
	});

	it('two executions of one credential share the rate instead of doubling it', async () => {
		server.rate.qps = 10;
		const a = transport('pace-shared', 10);
		const b = transport('pace-shared', 10);
		expect(a.pace).toBe(b.pace);
		await Promise.all(Array.from({ length: 30 }, (_, n) => send(n % 2 ? a : b, n)));
		expect(server.rate.limited).toBe(0);
		expect(server.records).toHaveLength(30);
	});

	it('different credentials keep separate paces', () => {
		expect(paceOf('limitedApi:x')).not.toBe(paceOf('limitedApi:y'));
		expect(transport('x1', 5).pace).not.toBe(transport('y1', 5).pace);
	});

	it('a rate-limit answer is waited out and resent, every message accepted exactly once', async () => {
		// The platform allows 5 a second, the node is told 10: half of the first window is refused.
		server.rate.qps = 5;
		const t = transport('pace-refused', 10);
		const sent = await Promise.all(Array.from({ length: 20 }, (_, n) => send(t, n)));
		expect(sent.every((r) => (r as IDataObject).code === 'ok')).toBe(true);
		const accepted = server.records.map((r) => Number(r.payload.n)).sort((x, y) => x - y);
		expect(accepted).toEqual(Array.from({ length: 20 }, (_, n) => n));
		expect(server.rate.limited).toBeGreaterThan(0);
		expect(t.pace.stats.refusals).toBe(server.rate.limited);
		// After the first refusals the pace learned the platform's ceiling: far fewer refusals than calls.
		expect(server.rate.limited).toBeLessThan(20);
	});
});

describe('pace ceiling after a rate-limit answer', () => {
	it('drops to the calls started in the window before the refused one, less one, and climbs by one a window', async () => {
		const pace = new Pace();
		const slots = [];
		for (let k = 0; k < 4; k++) {
			const slot = await pace.start(100);
			slot.finish();
			slots.push(slot);
		}
		expect(pace.allowed(100)).toBe(100);
		pace.refused(slots[3]); // 3 calls before it in its window
		expect(pace.allowed(100)).toBe(2);
		expect(pace.allowed(100, Date.now() + 1000)).toBe(3);
		expect(pace.allowed(100, Date.now() + 200_000)).toBe(100);
		expect(pace.allowed(100)).toBe(100); // back at the rate: the ceiling is forgotten
	});
});
