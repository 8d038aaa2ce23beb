import axios from 'axios';
import { SimServer, parseChinaDateTime } from '../sim/base';

describe('simulator base', () => {
	const sim = new SimServer('base', { tokenTtlSeconds: 1 });
	let url: string;
	beforeAll(async () => {
		sim.route('POST /echo', (req) => ({ body: { got: req.body ?? null, q: req.query } }));
		sim.route('POST /picky', (req) =>
			req.body?.ok === true
				? { body: { accepted: sim.record('POST /picky', req.body) } }
				: sim.refuse(req, 'E1', 'field ok must be true (got 否)', { status: 400, body: { code: 'E1' } }),
		);
		url = await sim.start();
	});
	afterAll(() => sim.stop());

	it('parses form and JSON bodies and records calls', async () => {
		const form = await axios.post(`${url}/echo?x=1`, 'a=1&b=%E4%B8%AD', {
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
		});
		expect(form.data).toEqual({ got: { a: '1', b: '中' }, q: { x: '1' } });
		const json = await axios.post(`${url}/echo`, { a: [1] });
		expect(json.data.got).toEqual({ a: [1] });
		expect(sim.callsTo('POST /echo')).toHaveLength(2);
	});

	it('injects faults for the next N calls only, through the control API', async () => {
		await axios.post(`${url}/__sim/fault`, { count: 2, route: 'POST /echo', body: { code: 'X' } });
		const a = await axios.post(`${url}/echo`, {});
		const b = await axios.post(`${url}/echo`, {});
		const c = await axios.post(`${url}/echo`, { n: 3 });
		expect([a.data, b.data]).toEqual([{ code: 'X' }, { code: 'X' }]);
		expect(c.data.got).toEqual({ n: 3 });
	});

	it('drops the answer to the request that makes the N-th record, after recording it', async () => {
		sim.clear({ keepTokens: true });
		await axios.post(`${url}/__sim/drop-response`, { record: 2 });
		const first = await axios.post(`${url}/picky`, { ok: true, n: 1 });
		const second = await axios.post(`${url}/picky`, { ok: true, n: 2 }).then(
			() => 'answered',
			(error: { code?: string }) => error.code,
		);
		const third = await axios.post(`${url}/picky`, { ok: true, n: 3 });
		expect(first.status).toBe(200);
		expect(second).toBe('ECONNRESET');
		expect(third.status).toBe(200);
		expect(sim.records.map((r) => r.payload.n)).toEqual([1, 2, 3]);
		expect(sim.droppedResponses).toBe(1);
	});

	it('answers 404 for unknown paths and 405 for a known path with another method', async () => {
		const notFound = await axios.get(`${url}/nope`, { validateStatus: () => true });
		const wrongMethod = await axios.get(`${url}/echo`, { validateStatus: () => true });
		expect(notFound.status).toBe(404);
		expect(wrongMethod.status).toBe(405);
	});

	it('expires and revokes tokens', async () => {
		const { token } = sim.tokens.issue();
		expect(sim.tokens.check(token)).toBe('ok');
		expect(sim.tokens.check('never-issued')).toBe('invalid');
		sim.tokens.revokeAll();
		expect(sim.tokens.check(token)).toBe('expired');
		const second = sim.tokens.issue().token;
		await new Promise((r) => setTimeout(r, 1100));
		expect(sim.tokens.check(second)).toBe('expired');
	});

	it('notes every request refused on purpose, with route, code, reason and time, and says why in a header', async () => {
		const before = Date.now();
		const refused = await axios.post(`${url}/picky`, { ok: false }, { validateStatus: () => true });
		expect(refused.status).toBe(400);
		expect(refused.data).toEqual({ code: 'E1' });
		expect(decodeURIComponent(String(refused.headers['x-sim-reason']))).toBe('field ok must be true (got 否)');
		expect((await axios.post(`${url}/picky`, { ok: true })).data.accepted).toEqual(expect.any(String));
		expect(sim.rejections).toEqual([
			{ route: 'POST /picky', code: 'E1', reason: 'field ok must be true (got 否)', at: expect.any(Number), body: { code: 'E1' } },
		]);
		expect(sim.rejections[0].at).toBeGreaterThanOrEqual(before);
		expect(sim.rejectionReasons()).toEqual(['POST /picky: field ok must be true (got 否)']);
		expect((await axios.get(`${url}/__sim/rejections`)).data).toHaveLength(1);
	});

	it('clear() forgets records, calls, rejections, faults, delay and rate limit, and revokes tokens unless keepTokens', async () => {
		const fill = async () => {
			await axios.post(`${url}/picky`, { ok: true });
			await axios.post(`${url}/picky`, {}, { validateStatus: () => true });
			sim.fail({ count: 5, route: 'POST /none' });
			sim.delayMs = 5;
			sim.rate.qps = 3;
			sim.revokeAfterRecords = 9;
			return sim.tokens.issue().token;
		};
		const state = () => [sim.records, sim.calls, sim.rejections, sim.faults, sim.delayMs, sim.rate.qps, sim.revokeAfterRecords];
		const kept = await fill();
		expect(state().every((v) => (Array.isArray(v) ? v.length > 0 : v > 0))).toBe(true);
		sim.clear({ keepTokens: true });
		expect(state()).toEqual([[], [], [], [], 0, 0, 0]);
		expect(sim.tokens.check(kept)).toBe('ok');

		const revoked = await fill();
		await axios.post(`${url}/__sim/clear`, {});
		expect(state()).toEqual([[], [], [], [], 0, 0, 0]);
		expect(sim.tokens.check(revoked)).toBe('expired');
		const keptOverHttp = sim.tokens.issue().token;
		await axios.post(`${url}/__sim/clear`, { keepTokens: true });
		expect(sim.tokens.check(keptOverHttp)).toBe('ok');
	});

	it('parses China time strictly', () => {
		expect(parseChinaDateTime('2026-01-02 08:00:00')).toBe(Date.UTC(2026, 0, 2, 0, 0, 0));
		expect(parseChinaDateTime('2026-02-30 08:00:00')).toBeNaN();
		expect(parseChinaDateTime('2026-01-02T08:00:00')).toBeNaN();
	});
});
