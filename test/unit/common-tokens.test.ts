import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';
import { VanytechMessageCenterApi } from '../../credentials/VanytechMessageCenterApi.credentials';
import type { Transport } from '../../nodes/common/transport';
import type { vanytechClient } from '../../nodes/VanytechMessageCenter/transport';
import { createVanytechSim, VANYTECH_DEMO } from '../sim/vanytech';
import type { VanytechSim } from '../sim/vanytech';
import { fakeContext } from './support/fake-context';

/**
 * Token renewals shared per credential in a process (module scope), and across processes through
 * the stored credential. A "process" here is a fresh copy of the package's modules
 * (jest.isolateModules): its own module-scope state, as in another n8n worker; the credential
 * store ("the database") is shared.
 */
type Process = { Transport: typeof Transport; client: typeof vanytechClient };

async function newProcess(): Promise<Process> {
	let p!: Process;
	await jest.isolateModulesAsync(async () => {
		p = {
			Transport: (await import('../../nodes/common/transport')).Transport,
			client: (await import('../../nodes/VanytechMessageCenter/transport')).vanytechClient,
		};
	});
	return p;
}

const SEND = 'POST /message/sendMessageApi';
const TOKEN = '/msg/getThirdAPIToken';

describe('one token for a burst, in every process', () => {
	let sim: VanytechSim;
	let url: string;
	beforeAll(async () => {
		sim = createVanytechSim();
		url = await sim.start();
	});
	afterAll(() => sim.stop());
	beforeEach(() => {
		sim.clear();
		sim.tokens.newInvalidatesOld = false;
	});

	/** One credential ("the database"), and an execution context per execution on it. */
	const database = (extra: IDataObject = {}) => {
		const first = fakeContext({
			credentialType: 'vanytechMessageCenterApi',
			credential: new VanytechMessageCenterApi(),
			credentials: { baseUrl: url, appId: VANYTECH_DEMO.appId, appPassword: VANYTECH_DEMO.appPassword, exchangeMethod: 'POST', token: '', expiresAt: 0, ...extra },
		});
		return {
			store: first.store,
			execution: () => {
				const ctx = fakeContext({ credentialType: 'vanytechMessageCenterApi', credential: new VanytechMessageCenterApi(), credentials: {} });
				// Every execution reads and writes the one stored credential.
				Object.assign(ctx, { getCredentials: async () => ({ ...first.store }) });
				const send = ctx.helpers.httpRequestWithAuthentication;
				const credential = new VanytechMessageCenterApi();
				ctx.helpers.httpRequestWithAuthentication = async function (this: unknown, type: string, options: IHttpRequestOptions, more?: { credentialsDecrypted?: { data?: IDataObject } }) {
					const data = more?.credentialsDecrypted?.data ?? { ...first.store };
					if (data.token === '') {
						// As n8n does: the exchange, the stored credential updated, then the request.
						const output = await credential.preAuthentication.call({ helpers: { httpRequest: fetchJson } } as never, data as never);
						// n8n writes it to the database a moment later: two processes' writes may land in either order.
						await new Promise((resolve) => setTimeout(resolve, Math.random() * 30));
						Object.assign(first.store, output);
						Object.assign(data, output);
					}
					return await send.call(this, type, options, { credentialsDecrypted: { data } } as never);
				};
				return ctx;
			},
		};
	};
	const form = (title: string) => ({
		method: 'POST' as const,
		url: '/message/sendMessageApi',
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
		body: { msgtitle: title, msgType: '1', msgContent: 'x', sendStatus: '1', sendChannel: 'Portal', sendMode: 'normal', receivers: JSON.stringify([{ type: 'User', userId: '1', name: 'A' }]) },
	});
	const exchanges = () => sim.calls.filter((c) => c.path === TOKEN).length;
	const accepted = () => sim.recordsOf(SEND).map((r) => String(r.payload.msgtitle)).sort();
	const burst = (p: Process, db: ReturnType<typeof database>, label: string, executions: number, each: number) =>
		Promise.all(
			Array.from({ length: executions }, (_, e) => {
				const t = new p.Transport(db.execution() as never, p.client);
				return Promise.all(Array.from({ length: each }, (_, k) => t.request(form(`${label}-${e}-${k}`))));
			}),
		);
	const titles = (label: string, executions: number, each: number) =>
		Array.from({ length: executions }, (_, e) => Array.from({ length: each }, (_, k) => `${label}-${e}-${k}`)).flat().sort();

	it('20 executions starting together on a credential without a token cost one exchange', async () => {
		const db = database();
		await burst(await newProcess(), db, 'cold', 20, 3);
		expect(exchanges()).toBe(1);
		expect(accepted()).toEqual(titles('cold', 20, 3));
	});

	it('two processes on a cold credential cost at most one exchange each', async () => {
		const db = database();
		const [a, b] = [await newProcess(), await newProcess()];
		await Promise.all([burst(a, db, 'a', 10, 5), burst(b, db, 'b', 10, 5)]);
		expect(exchanges()).toBeLessThanOrEqual(2);
		expect(accepted()).toEqual([...titles('a', 10, 5), ...titles('b', 10, 5)].sort());
	});

	it('two processes on a cold credential, a new token invalidating the old: one exchange each, at most one more each when their stored tokens crossed, and nothing lost', async () => {
		sim.tokens.newInvalidatesOld = true;
		const db = database();
		const [a, b] = [await newProcess(), await newProcess()];
		await Promise.all([burst(a, db, 'a', 10, 5), burst(b, db, 'b', 10, 5)]);
		// The two stored tokens may land in either order (n8n writes each a moment after its exchange).
		expect(exchanges()).toBeLessThanOrEqual(4);
		expect(accepted()).toEqual([...titles('a', 10, 5), ...titles('b', 10, 5)].sort());
	});

	it('a token revoked mid-run is renewed without a storm, with new tokens invalidating old ones', async () => {
		sim.tokens.newInvalidatesOld = true;
		const db = database();
		const a = await newProcess();
		const b = await newProcess();
		await burst(a, db, 'warm', 1, 1);
		sim.revokeAfterRecords = 25; // every token becomes invalid when the 25th message is accepted
		const before = exchanges();
		await Promise.all([burst(a, db, 'a', 10, 5), burst(b, db, 'b', 10, 5)]);
		// One renewal per process, plus at most one more per process when their renewals crossed.
		expect(exchanges() - before).toBeLessThanOrEqual(4);
		expect(accepted()).toEqual([...titles('a', 10, 5), ...titles('b', 10, 5), 'warm-0-0'].sort());
	});

	it('a refused token is not renewed when the stored one is already newer (another worker renewed it)', async () => {
		sim.tokens.newInvalidatesOld = true;
		const db = database();
		const p = await newProcess();
		await burst(p, db, 'warm', 1, 1);
		// Another worker renews: the platform invalidates our token, the store holds the new one.
		const other = await new VanytechMessageCenterApi().preAuthentication.call({ helpers: { httpRequest: fetchJson } } as never, { ...db.store });
		Object.assign(db.store, other);
		const before = exchanges();
		await burst(p, db, 'after', 1, 4);
		expect(exchanges() - before).toBe(0);
		expect(accepted()).toEqual(['after-0-0', 'after-0-1', 'after-0-2', 'after-0-3', 'warm-0-0']);
	});

	it('a failed exchange fails the whole burst once, not once per request', async () => {
		const db = database({ appPassword: 'wrong-password' });
		const p = await newProcess();
		const t = new p.Transport(db.execution() as never, p.client);
		const u = new p.Transport(db.execution() as never, p.client);
		const sent = await Promise.allSettled([...Array.from({ length: 5 }, (_, k) => t.request(form(`x${k}`))), ...Array.from({ length: 5 }, (_, k) => u.request(form(`y${k}`)))]);
		expect(sent.every((r) => r.status === 'rejected')).toBe(true);
		expect(String((sent[9] as PromiseRejectedResult).reason.message)).toContain('500002');
		expect(exchanges()).toBe(1);
		expect(sim.recordsOf(SEND)).toHaveLength(0);
	});
});

async function fetchJson(o: IHttpRequestOptions): Promise<unknown> {
	const u = new URL(o.url);
	for (const [k, v] of Object.entries(o.qs ?? {})) u.searchParams.set(k, String(v));
	const res = await fetch(u, { method: o.method ?? 'GET' });
	const body = await res.json();
	return o.returnFullResponse ? { statusCode: res.status, body } : body;
}
