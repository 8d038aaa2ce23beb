/**
 * The Kingdee JDY credential: authenticate() signs each request (headers, a signature that the
 * simulator's own verifier accepts, the query string covered exactly as sent), preAuthentication
 * authorizes and exchanges against the simulator over real HTTP, a rotated app secret is learned
 * again, and its failures are clear and carry no secret. The credential test request passes the
 * gateway and sends nothing.
 */
import axios from 'axios';
import type { IDataObject, IHttpRequestHelper, IHttpRequestOptions } from 'n8n-workflow';
import { KingdeeJdyApi } from '../../credentials/KingdeeJdyApi.credentials';
import { AUTH_KEY_ERROR, KINGDEE_DEMO, KINGDEE_ROUTES, createKingdeeSim, simExpectedSignature } from '../sim/kingdee';

const sim = createKingdeeSim();
let base: string;
const cred = new KingdeeJdyApi();

beforeAll(async () => {
	base = await sim.start();
});
afterAll(async () => {
	await sim.stop();
});
beforeEach(() => {
	sim.clear();
	sim.faults = [];
});

/** n8n's helpers.httpRequest, reduced to what the credential uses (axios, as n8n does). */
async function httpRequest(o: IHttpRequestOptions): Promise<unknown> {
	const url = o.baseURL && !/^https?:/.test(o.url) ? `${o.baseURL}${o.url}` : o.url;
	const body = o.body && typeof o.body === 'object' && Object.keys(o.body).length === 0 ? undefined : o.body;
	const r = await axios.request({
		method: o.method,
		url,
		params: o.qs,
		headers: o.headers as Record<string, string>,
		data: body,
		validateStatus: () => true,
	});
	if (!o.ignoreHttpStatusErrors && r.status >= 400) throw new Error(`HTTP ${r.status}`);
	return o.returnFullResponse ? { statusCode: r.status, body: r.data, headers: r.headers } : r.data;
}
const helpers = { helpers: { httpRequest } } as unknown as IHttpRequestHelper;

function instanceCredentials(over: IDataObject = {}): IDataObject {
	return {
		baseUrl: base,
		clientId: KINGDEE_DEMO.clientId,
		clientSecret: KINGDEE_DEMO.clientSecret,
		authorization: 'instance',
		outerInstanceId: KINGDEE_DEMO.outerInstanceId,
		uid: '',
		appToken: '',
		...over,
	};
}

async function preAuth(c: IDataObject): Promise<IDataObject> {
	return (await cred.preAuthentication!.call(helpers, c as never)) as IDataObject;
}

async function authenticate(c: IDataObject, o: IHttpRequestOptions): Promise<IHttpRequestOptions> {
	const fn = cred.authenticate as (c: IDataObject, o: IHttpRequestOptions) => Promise<IHttpRequestOptions>;
	return await fn(c, o);
}

describe('authenticate', () => {
	let creds: IDataObject;
	beforeAll(() => {
		creds = instanceCredentials({ appToken: 'tok-123', learnedDomain: KINGDEE_DEMO.domain });
	});

	it('adds every gateway header, a fresh nonce and a millisecond timestamp each time', async () => {
		const o = { method: 'POST' as const, url: '/jdy/v2/sys/outside_msg', body: { a: 1 }, json: true };
		const a = await authenticate(creds, o);
		const b = await authenticate(creds, o);
		const h = a.headers as Record<string, string>;
		expect(h['X-Api-ClientID']).toBe(KINGDEE_DEMO.clientId);
		expect(h['X-Api-Auth-Version']).toBe('2.0');
		expect(h['X-Api-SignHeaders']).toBe('X-Api-TimeStamp,X-Api-Nonce');
		expect(h['app-token']).toBe('tok-123');
		expect(h['X-GW-Router-Addr']).toBe(KINGDEE_DEMO.domain);
		expect(h['X-Api-Nonce']).toMatch(/^[1-9]\d{9}$/);
		expect(Math.abs(Number(h['X-Api-TimeStamp']) - Date.now())).toBeLessThan(5000);
		expect((b.headers as Record<string, string>)['X-Api-Nonce']).not.toBe(h['X-Api-Nonce']);
		expect(a.url).toBe(`${base}/jdy/v2/sys/outside_msg`);
		expect(a.body).toEqual({ a: 1 });
		expect(JSON.stringify(a)).not.toContain(KINGDEE_DEMO.clientSecret);
	});

	it('signs the query string exactly as sent (qs and URL query, awkward characters)', async () => {
		const qs = { app_signature: 'ab+c/d==', note: 'a b*c~d!e', name: '中文', empty: '' };
		const a = await authenticate(creds, { method: 'GET', url: '/some/path?fixed=1&x=y+z', qs });
		expect(a.qs).toBeUndefined();
		const sent = new URL(a.url);
		const received = Object.fromEntries(sent.searchParams); // what a server decodes
		expect(received).toEqual({ fixed: '1', x: 'y z', ...qs });
		const h = a.headers as Record<string, string>;
		const expected = simExpectedSignature(
			KINGDEE_DEMO.clientSecret,
			'GET',
			sent.pathname,
			received,
			h['X-Api-Nonce'],
			h['X-Api-TimeStamp'],
		);
		expect(h['X-Api-Signature']).toBe(expected);
	});

	it('refuses to sign a request without the account\'s domain (X-GW-Router-Addr is required)', async () => {
		const o = { method: 'POST' as const, url: '/jdy/v2/sys/outside_msg', body: { a: 1 }, json: true };
		await expect(authenticate(instanceCredentials({ appToken: 't' }), o)).rejects.toThrow(
			/Kingdee gave no domain for the instance and none is typed.*X-GW-Router-Addr.*nothing was sent/,
		);
		await expect(authenticate({ ...instanceCredentials(), authorization: 'appKey', domain: ' ', appToken: 't' }, o)).rejects.toThrow(
			/no Domain is typed/,
		);
		const typed = await authenticate(instanceCredentials({ appToken: 't', fallbackDomain: 'https://xx.jdy.com' }), o);
		expect((typed.headers as Record<string, string>)['X-GW-Router-Addr']).toBe('https://xx.jdy.com');
	});

	it('a request with query parameters passes the simulator gateway when sent over HTTP', async () => {
		const signing = await authenticate(instanceCredentials({ learnedDomain: KINGDEE_DEMO.domain }), {
			method: 'POST',
			url: '/jdyconnector/app_management/push_app_authorize',
			qs: { outerInstanceId: KINGDEE_DEMO.outerInstanceId },
			body: {},
			headers: { 'Content-Type': 'application/json' },
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		});
		const r = (await httpRequest(signing)) as { statusCode: number; body: IDataObject };
		expect(r.statusCode).toBe(200);
		expect((r.body.data as IDataObject[])[0].appKey).toBe(KINGDEE_DEMO.appKey);
		// and a tampered query fails the same gateway
		const tampered = { ...signing, url: signing.url.replace(KINGDEE_DEMO.outerInstanceId, '2090000000000000002') };
		tampered.headers = { ...(tampered.headers as IDataObject), 'X-Api-Nonce': '1234567891' } as never;
		const bad = (await httpRequest(tampered)) as { statusCode: number; body: IDataObject };
		expect(bad.statusCode).toBe(519);
		expect(bad.body.errcode).toBe(4008);
	});

	it('uses the typed Domain in App Key mode', async () => {
		const a = await authenticate(
			{ ...instanceCredentials(), authorization: 'appKey', domain: 'https://xx.jdy.com', learnedDomain: 'https://tf.jdy.com', appToken: 't' },
			{ method: 'GET', url: '/x' },
		);
		expect((a.headers as Record<string, string>)['X-GW-Router-Addr']).toBe('https://xx.jdy.com');
	});
});

describe('preAuthentication', () => {
	it('instance mode: authorizes, exchanges, stores token, expiry with margin and the learned values', async () => {
		const out = await preAuth(instanceCredentials());
		expect(sim.tokens.check(out.appToken)).toBe('ok');
		const expires = Date.now() + sim.tokens.ttlSeconds * 1000;
		expect(Number(out.renewAfter)).toBeGreaterThan(expires - 5 * 60_000 - 5000);
		expect(Number(out.renewAfter)).toBeLessThanOrEqual(expires - 5 * 60_000 + 10);
		expect(out).toMatchObject({
			learnedAppKey: KINGDEE_DEMO.appKey,
			learnedAppSecret: sim.instance().appSecret,
			learnedDomain: KINGDEE_DEMO.domain,
		});
		expect(sim.callsTo(KINGDEE_ROUTES.authorize)).toHaveLength(1);
		expect(sim.callsTo(KINGDEE_ROUTES.token)).toHaveLength(1);
	});

	it('no domain in the authorization answer and none typed: a clear error and no token exchange; a typed one stands in', async () => {
		sim.settings.authorizeOmitsDomain = true;
		try {
			const error = await preAuth(instanceCredentials()).catch((e: Error) => e);
			expect((error as Error).message).toContain(
				`the authorization answer (push_app_authorize) for instance ${KINGDEE_DEMO.outerInstanceId} has no domain and none is typed`,
			);
			expect((error as Error).message).toContain('Domain (If Kingdee Gives None)');
			expect(sim.callsTo(KINGDEE_ROUTES.token)).toHaveLength(0);
			const out = await preAuth(instanceCredentials({ fallbackDomain: ' https://tf.jdy.com ' }));
			expect(out.learnedDomain).toBe('https://tf.jdy.com');
		} finally {
			sim.settings.authorizeOmitsDomain = false;
		}
		// the answer's domain wins over a typed one
		expect((await preAuth(instanceCredentials({ fallbackDomain: 'https://xx.jdy.com' }))).learnedDomain).toBe(KINGDEE_DEMO.domain);
	});

	it('App Key mode without a Domain is refused before any exchange', async () => {
		const c = { ...instanceCredentials(), authorization: 'appKey', appKey: KINGDEE_DEMO.appKey, appSecret: sim.instance().appSecret, domain: '' };
		await expect(preAuth(c)).rejects.toThrow(/no Domain is typed/);
		expect(sim.callsTo(KINGDEE_ROUTES.token)).toHaveLength(0);
	});

	it('asks for a user token when a User ID is given', async () => {
		const out = await preAuth(instanceCredentials({ uid: '42' }));
		expect(JSON.parse(sim.tokens.subject(String(out.appToken))!).uid).toBe('42');
	});

	it('instance mode always re-authorizes, so a rotated App Secret is picked up by the next renewal', async () => {
		const first = await preAuth(instanceCredentials());
		const rotated = sim.rotateAppSecret();
		const second = await preAuth(instanceCredentials({ ...first, appToken: '' }));
		expect(second.learnedAppSecret).toBe(rotated);
		expect(sim.tokens.check(second.appToken)).toBe('ok');
	});

	it('on 1030002006 right after authorizing (rotation in between) it authorizes and exchanges once more', async () => {
		sim.fail({ count: 1, route: KINGDEE_ROUTES.token, status: 200, body: { ...AUTH_KEY_ERROR } });
		const out = await preAuth(instanceCredentials());
		expect(sim.tokens.check(out.appToken)).toBe('ok');
		expect(sim.callsTo(KINGDEE_ROUTES.authorize)).toHaveLength(2);
		expect(sim.callsTo(KINGDEE_ROUTES.token)).toHaveLength(2);
	});

	it('App Key mode: a stale App Secret is reported as 1030002006 with what to do, without the secret', async () => {
		const stale = sim.instance().appSecret;
		sim.rotateAppSecret();
		const c = { ...instanceCredentials(), authorization: 'appKey', appKey: KINGDEE_DEMO.appKey, appSecret: stale, domain: KINGDEE_DEMO.domain };
		const error = await preAuth(c).catch((e: Error) => e);
		expect(error).toBeInstanceOf(Error);
		const message = (error as Error).message;
		expect(message).toContain('error 1030002006');
		expect(message).toContain('rotated');
		expect(message).toContain('授权密钥校验失败');
		expect(message).not.toContain(stale);
		expect(message).not.toContain(KINGDEE_DEMO.clientSecret);
	});

	it('App Key mode with the current secret gets a token and learns nothing', async () => {
		const c = { ...instanceCredentials(), authorization: 'appKey', appKey: KINGDEE_DEMO.appKey, appSecret: sim.instance().appSecret, domain: KINGDEE_DEMO.domain };
		const out = await preAuth(c);
		expect(sim.tokens.check(out.appToken)).toBe('ok');
		expect(out.learnedAppSecret).toBeUndefined();
		expect(sim.callsTo(KINGDEE_ROUTES.authorize)).toHaveLength(0);
	});

	it('a wrong Client Secret is reported as a refused signature (4008) naming the Client Secret', async () => {
		const wrong = 'ffffffffffffffffffffffffffffffff';
		const error = await preAuth(instanceCredentials({ clientSecret: wrong })).catch((e: Error) => e);
		const message = (error as Error).message;
		expect(message).toContain('Kingdee JDY authorization (push_app_authorize) failed: error 4008');
		expect(message).toContain('Client Secret');
		expect(message).not.toContain(wrong);
		expect(sim.callsTo(KINGDEE_ROUTES.token)).toHaveLength(0);
	});

	it('an unknown Outer Instance ID is reported as not authorized to the app', async () => {
		const error = await preAuth(instanceCredentials({ outerInstanceId: '999' })).catch((e: Error) => e);
		expect((error as Error).message).toContain('the instance 999 is not authorized to this app');
	});

	it('a server clock off by more than 5 minutes is reported as 4006 with the clock hint', async () => {
		sim.settings.timestampWindowMs = -1; // every timestamp is "off"
		try {
			const error = await preAuth(instanceCredentials()).catch((e: Error) => e);
			expect((error as Error).message).toContain('error 4006');
			expect((error as Error).message).toContain('clock');
		} finally {
			sim.settings.timestampWindowMs = 5 * 60 * 1000;
		}
	});
});

describe('the credential test request', () => {
	it('passes the gateway with a fresh token (signature, app-token, router address) and sends nothing', async () => {
		const c = { ...instanceCredentials(), ...(await preAuth(instanceCredentials())) };
		const request = { ...cred.test.request, baseURL: base } as IHttpRequestOptions;
		const signed = await authenticate(c, { ...request, returnFullResponse: true, ignoreHttpStatusErrors: true, json: true });
		const r = (await httpRequest(signed)) as { statusCode: number; body: IDataObject };
		expect(r.statusCode).toBe(200);
		const errcode = r.body.errcode;
		expect([4008, 4010, 4011]).not.toContain(errcode);
		expect(errcode).toBe(2000002000); // the message service refused the empty request
		expect(sim.recordsOf(KINGDEE_ROUTES.send)).toHaveLength(0);
		// the same request with the wrong domain is refused by the gateway (what the test would report)
		const wrong = await authenticate({ ...c, learnedDomain: 'https://other.jdy.com' }, { ...request, returnFullResponse: true, ignoreHttpStatusErrors: true });
		const bad = (await httpRequest(wrong)) as { statusCode: number; body: IDataObject };
		expect(bad.statusCode).toBe(519);
		expect(bad.body.errcode).toBe(4010);
	});
});
