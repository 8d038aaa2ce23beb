import axios from 'axios';
import { SimServer, parseChinaDateTime } from '../sim/base';

describe('simulator base', () => {
	const sim = new SimServer('base', { tokenTtlSeconds: 1 });
	let url: string;
	beforeAll(async () => {
		sim.route('POST /echo', (req) => ({ body: { got: req.body ?? null, q: req.query } }));
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

	it('parses China time strictly', () => {
		expect(parseChinaDateTime('2026-01-02 08:00:00')).toBe(Date.UTC(2026, 0, 2, 0, 0, 0));
		expect(parseChinaDateTime('2026-02-30 08:00:00')).toBeNaN();
		expect(parseChinaDateTime('2026-01-02T08:00:00')).toBeNaN();
	});
});
