/**
 * The Kingdee JDY simulator over real HTTP: the signed flow authorize -> token -> send, and every
 * rejection it must make (signature, timestamp, nonce, tokens, rotated app secret, bodies).
 * Requests are signed with the shipped nodes/KingdeeJdy/signature.ts; the simulator verifies with
 * its own code, so a passing flow also cross-checks the two implementations.
 */
import axios, { type AxiosResponse } from 'axios';
import { appSignature, signedHeaders } from '../../nodes/KingdeeJdy/signature';
import {
	AUTH_KEY_ERROR,
	KINGDEE_DEMO,
	KINGDEE_ROUTES,
	KINGDEE_SIM_DEFAULTS,
	createKingdeeSim,
} from '../sim/kingdee';

const AUTH_PATH = '/jdyconnector/app_management/push_app_authorize';
const TOKEN_PATH = '/jdyconnector/app_management/kingdee_auth_token';
const SEND_PATH = '/jdy/v2/sys/outside_msg';

const sim = createKingdeeSim();
let base: string;

interface CallOptions {
	method: 'GET' | 'POST';
	path: string;
	query?: Record<string, string>;
	headers?: Record<string, string>;
	body?: unknown;
	rawBody?: string;
	nonce?: string;
	timestamp?: number;
	clientId?: string;
	clientSecret?: string;
	/** Another simulator's URL. */
	baseUrl?: string;
	/** Replace or drop signed headers after signing. */
	override?: Record<string, string | undefined>;
}

async function call(o: CallOptions): Promise<AxiosResponse> {
	const query = o.query ?? {};
	const signed = signedHeaders({
		clientId: o.clientId ?? KINGDEE_DEMO.clientId,
		clientSecret: o.clientSecret ?? KINGDEE_DEMO.clientSecret,
		method: o.method,
		path: o.path,
		query,
		nonce: o.nonce,
		timestamp: o.timestamp,
	});
	const headers: Record<string, string> = { ...signed, ...(o.headers ?? {}) };
	for (const [k, v] of Object.entries(o.override ?? {})) {
		if (v === undefined) delete headers[k];
		else headers[k] = v;
	}
	const qs = new URLSearchParams(query).toString();
	return axios.request({
		method: o.method,
		url: `${o.baseUrl ?? base}${o.path}${qs ? `?${qs}` : ''}`,
		headers,
		data: o.rawBody ?? (o.body === undefined ? undefined : JSON.stringify(o.body)),
		validateStatus: () => true,
		// send the bytes as given (axios would re-stringify a malformed JSON string)
		transformRequest: [(d) => d],
		transformResponse: (d) => (typeof d === 'string' && d ? JSON.parse(d) : d),
	});
}

async function authorize(outerInstanceId: string = KINGDEE_DEMO.outerInstanceId) {
	return call({
		method: 'POST',
		path: AUTH_PATH,
		query: { outerInstanceId },
		headers: { 'Content-Type': 'application/json' },
		body: {},
	});
}

async function getToken(appKey: string, appSecret: string, uid?: string) {
	const query: Record<string, string> = {
		app_key: appKey,
		app_signature: appSignature(appKey, appSecret),
	};
	if (uid !== undefined) query.uid = uid;
	return call({ method: 'GET', path: TOKEN_PATH, query });
}

async function freshToken(): Promise<string> {
	const res = await getToken(KINGDEE_DEMO.appKey, sim.instance().appSecret);
	expect(res.data.errcode).toBe(0);
	return res.data.data['app-token'];
}

const MESSAGE = {
	channel: ['XXZX', 'APP'],
	content: '第三方消息内容',
	receivers: ['333'],
	title: '第三方消息标题',
};

async function send(token: string, body: unknown = MESSAGE, extra: Partial<CallOptions> = {}) {
	return call({
		...extra,
		method: 'POST',
		path: SEND_PATH,
		headers: {
			'Content-Type': 'application/json',
			'app-token': token,
			'X-GW-Router-Addr': KINGDEE_DEMO.domain,
			...(extra.headers ?? {}),
		},
		body: extra.rawBody === undefined ? body : undefined,
	});
}

beforeAll(async () => {
	base = await sim.start();
});
afterAll(() => sim.stop());
beforeEach(() => {
	sim.clear();
	Object.assign(sim.settings, KINGDEE_SIM_DEFAULTS);
	sim.tokens.ttlSeconds = 86400;
});

describe('Kingdee simulator: the signed flow', () => {
	it('authorizes, exchanges a token and sends one message, recorded once', async () => {
		const auth = await authorize();
		expect(auth.status).toBe(200);
		expect(auth.data.code).toBe(200);
		expect(auth.data.data).toHaveLength(1);
		const item = auth.data.data[0];
		expect(item).toMatchObject({
			appKey: KINGDEE_DEMO.appKey,
			appSecret: KINGDEE_DEMO.appSecret,
			domain: KINGDEE_DEMO.domain,
			outerInstanceId: KINGDEE_DEMO.outerInstanceId,
			clientId: KINGDEE_DEMO.clientId,
			status: 1,
		});
		for (const k of [
			'accountId',
			'accountName',
			'agreementCompanyName',
			'groupName',
			'serviceId',
		]) {
			expect(typeof item[k]).toBe('string');
		}

		const before = Date.now();
		const tok = await getToken(item.appKey, item.appSecret);
		expect(tok.status).toBe(200);
		expect(tok.data).toMatchObject({ errcode: 0, description: 'success' });
		expect(typeof tok.data.data['app-token']).toBe('string');
		expect(typeof tok.data.data.access_token).toBe('string');
		expect(tok.data.data.uid).toBe(Number(KINGDEE_DEMO.adminUid));
		expect(tok.data.data.expires).toBeGreaterThanOrEqual(before + 86400 * 1000);

		const res = await send(tok.data.data['app-token']);
		expect(res.status).toBe(200);
		expect(res.data).toEqual({
			data: { data: '执行成功', message: '失败原因', success: true },
			description: 'success',
			errcode: 0,
		});
		const records = sim.recordsOf(KINGDEE_ROUTES.send);
		expect(records).toHaveLength(1);
		expect(records[0].payload).toMatchObject({
			...MESSAGE,
			clientId: KINGDEE_DEMO.clientId,
			outerInstanceId: KINGDEE_DEMO.outerInstanceId,
			uid: KINGDEE_DEMO.adminUid,
		});
	});

	it('accepts all four channels and a user token (uid with Chinese text, spaces and +)', async () => {
		const tok = await getToken(KINGDEE_DEMO.appKey, KINGDEE_DEMO.appSecret, '张 三+1/=');
		expect(tok.data.errcode).toBe(0);
		expect(tok.data.data.uid).toBe('张 三+1/=');
		const res = await send(tok.data.data['app-token'], {
			...MESSAGE,
			channel: ['XXZX', 'APP', 'QYWX', 'DD'],
		});
		expect(res.data.errcode).toBe(0);
		expect(sim.recordsOf(KINGDEE_ROUTES.send)[0].payload.uid).toBe('张 三+1/=');
	});

	it('accepts both X-Api-SignHeaders orders (document and SDK) unless told otherwise', async () => {
		const a = await authorize();
		expect(a.data.code).toBe(200);
		const sdkOrder = { 'X-Api-SignHeaders': 'X-Api-Nonce,X-Api-TimeStamp' };
		const b = await call({
			method: 'POST',
			path: AUTH_PATH,
			query: { outerInstanceId: '1' },
			override: sdkOrder,
		});
		expect(b.data.code).toBe(200);
		sim.settings.signHeadersAccepted = 'doc';
		const c = await call({
			method: 'POST',
			path: AUTH_PATH,
			query: { outerInstanceId: '1' },
			override: sdkOrder,
		});
		expect(c.status).toBe(519);
		expect(c.data.errcode).toBe(4007);
	});

	it('answers the errcode style of push_app_authorize when set, and [] for a foreign instance', async () => {
		sim.settings.authorizeResponseStyle = 'errcode';
		const a = await authorize();
		expect(a.data).toMatchObject({ errcode: 0, description: 'success' });
		expect(a.data.data[0].appKey).toBe(KINGDEE_DEMO.appKey);
		const unknown = await authorize('no-such-instance');
		expect(unknown.data.data).toEqual([]);
	});
});

describe('Kingdee simulator: gateway rejections (HTTP 519 ApigwResult)', () => {
	it('rejects a bad signature with 4008', async () => {
		const res = await call({
			method: 'POST',
			path: AUTH_PATH,
			query: { outerInstanceId: '1' },
			clientSecret: 'wrong',
		});
		expect(res.status).toBe(519);
		expect(res.data).toEqual({
			errcode: 4008,
			description: 'X-Api-Signature is invalid',
			descriptionCn: expect.any(String),
		});
	});

	it('rejects a signature over another query (the query is signed)', async () => {
		const signed = signedHeaders({
			clientId: KINGDEE_DEMO.clientId,
			clientSecret: KINGDEE_DEMO.clientSecret,
			method: 'POST',
			path: AUTH_PATH,
			query: { outerInstanceId: 'A' },
		});
		const res = await axios.post(
			`${base}${AUTH_PATH}?outerInstanceId=B`,
			{},
			{ headers: signed, validateStatus: () => true },
		);
		expect(res.status).toBe(519);
		expect(res.data.errcode).toBe(4008);
	});

	it('rejects nonce/timestamp swapped in the string to sign', async () => {
		const ts = String(Date.now());
		const nonce = '1234567890';
		const swapped = signedHeaders({
			clientId: KINGDEE_DEMO.clientId,
			clientSecret: KINGDEE_DEMO.clientSecret,
			method: 'POST',
			path: AUTH_PATH,
			query: {},
			nonce: ts,
			timestamp: nonce,
		});
		const res = await call({
			method: 'POST',
			path: AUTH_PATH,
			nonce,
			timestamp: Number(ts),
			override: { 'X-Api-Signature': swapped['X-Api-Signature'] },
		});
		expect(res.data.errcode).toBe(4008);
	});

	it('rejects a stale or future timestamp (more than 5 minutes) with 4006', async () => {
		const stale = await call({
			method: 'POST',
			path: AUTH_PATH,
			timestamp: Date.now() - 5 * 60 * 1000 - 5000,
		});
		const future = await call({
			method: 'POST',
			path: AUTH_PATH,
			timestamp: Date.now() + 5 * 60 * 1000 + 5000,
		});
		const seconds = await call({
			method: 'POST',
			path: AUTH_PATH,
			timestamp: Math.floor(Date.now() / 1000),
		});
		const ok = await call({
			method: 'POST',
			path: AUTH_PATH,
			timestamp: Date.now() - 4 * 60 * 1000,
		});
		for (const r of [stale, future, seconds]) {
			expect(r.status).toBe(519);
			expect(r.data.errcode).toBe(4006);
		}
		expect(ok.status).toBe(200);
	});

	it('rejects a reused nonce with 4008 and delivers the message once', async () => {
		const token = await freshToken();
		const nonce = '5555555555';
		const first = await send(token, MESSAGE, { nonce });
		const replay = await send(token, MESSAGE, { nonce });
		expect(first.data.errcode).toBe(0);
		expect(replay.status).toBe(519);
		expect(replay.data).toMatchObject({ errcode: 4008, description: 'X-Api-Nonce has been used' });
		expect(sim.recordsOf(KINGDEE_ROUTES.send)).toHaveLength(1);
	});

	it('rejects a missing or malformed nonce with 4008', async () => {
		const missing = await call({
			method: 'POST',
			path: AUTH_PATH,
			override: { 'X-Api-Nonce': undefined },
		});
		const zero = await call({ method: 'POST', path: AUTH_PATH, nonce: '0123' });
		expect(missing.data.errcode).toBe(4008);
		expect(zero.data.errcode).toBe(4008);
	});

	it('rejects client id empty (4002), unknown (4003), wrong auth version (4001), bad sign headers (4007)', async () => {
		const empty = await call({
			method: 'POST',
			path: AUTH_PATH,
			override: { 'X-Api-ClientID': undefined },
		});
		const unknown = await call({ method: 'POST', path: AUTH_PATH, clientId: '999999' });
		const version = await call({
			method: 'POST',
			path: AUTH_PATH,
			override: { 'X-Api-Auth-Version': '1.0' },
		});
		const headers = await call({
			method: 'POST',
			path: AUTH_PATH,
			override: { 'X-Api-SignHeaders': 'X-Api-TimeStamp' },
		});
		expect([
			empty.data.errcode,
			unknown.data.errcode,
			version.data.errcode,
			headers.data.errcode,
		]).toEqual([4002, 4003, 4001, 4007]);
		for (const r of [empty, unknown, version, headers]) expect(r.status).toBe(519);
	});

	it('can answer gateway errors with HTTP 200 instead of 519', async () => {
		sim.settings.gatewayErrorStatus = 200;
		const res = await call({ method: 'POST', path: AUTH_PATH, clientSecret: 'wrong' });
		expect(res.status).toBe(200);
		expect(res.data.errcode).toBe(4008);
	});

	it('answers the rate limit with HTTP 429', async () => {
		sim.rate.qps = 1;
		const a = await authorize();
		const b = await authorize();
		expect(a.status).toBe(200);
		expect(b.status).toBe(429);
		expect(b.data.errcode).toBe(5007);
	});
});

describe('Kingdee simulator: app-token', () => {
	it('rejects a missing (4009), unknown (4010), revoked (4011) token', async () => {
		const missing = await send('');
		const unknown = await send('not-a-token');
		const token = await freshToken();
		sim.tokens.revokeAll();
		const revoked = await send(token);
		expect([missing.data.errcode, unknown.data.errcode, revoked.data.errcode]).toEqual([
			4009, 4010, 4011,
		]);
		for (const r of [missing, unknown, revoked]) expect(r.status).toBe(519);
		expect(sim.recordsOf(KINGDEE_ROUTES.send)).toHaveLength(0);
	});

	it('expires a token after its TTL (4011), and reports expires accordingly', async () => {
		sim.tokens.ttlSeconds = 1;
		const res = await getToken(KINGDEE_DEMO.appKey, KINGDEE_DEMO.appSecret);
		expect(res.data.data.expires).toBeLessThanOrEqual(Date.now() + 1000);
		const token = res.data.data['app-token'];
		expect((await send(token)).data.errcode).toBe(0);
		await new Promise((r) => setTimeout(r, 1100));
		const late = await send(token);
		expect(late.status).toBe(519);
		expect(late.data.errcode).toBe(4011);
		expect(sim.recordsOf(KINGDEE_ROUTES.send)).toHaveLength(1);
	});

	it('requires X-GW-Router-Addr equal to the instance domain (4010)', async () => {
		const token = await freshToken();
		const wrong = await send(token, MESSAGE, {
			headers: { 'X-GW-Router-Addr': 'https://other.jdy.com' },
		});
		const missing = await send(token, MESSAGE, { override: { 'X-GW-Router-Addr': undefined } });
		expect(wrong.data.errcode).toBe(4010);
		expect(missing.data.errcode).toBe(4010);
	});

	it('rejects a token used with another client id (4010)', async () => {
		const other = createKingdeeSim({
			clients: { c1: 's1', c2: 's2' },
			instances: { i1: { appKey: 'k1', appSecret: 'as1', domain: 'https://tf.jdy.com' } },
		});
		const url = await other.start();
		try {
			const tok = await call({
				baseUrl: url,
				method: 'GET',
				path: TOKEN_PATH,
				query: { app_key: 'k1', app_signature: appSignature('k1', 'as1') },
				clientId: 'c1',
				clientSecret: 's1',
			});
			expect(tok.data.errcode).toBe(0);
			const res = await send(tok.data.data['app-token'], MESSAGE, {
				baseUrl: url,
				clientId: 'c2',
				clientSecret: 's2',
			});
			expect(res.status).toBe(519);
			expect(res.data.errcode).toBe(4010);
		} finally {
			await other.stop();
		}
	});

	it('answers 1030002006 for a wrong app_signature or unknown app_key', async () => {
		const wrong = await getToken(KINGDEE_DEMO.appKey, 'not-the-secret');
		const unknown = await getToken('nope', KINGDEE_DEMO.appSecret);
		const missing = await call({
			method: 'GET',
			path: TOKEN_PATH,
			query: { app_key: KINGDEE_DEMO.appKey },
		});
		for (const r of [wrong, unknown, missing]) {
			expect(r.status).toBe(200);
			expect(r.data).toEqual(AUTH_KEY_ERROR);
		}
		expect(AUTH_KEY_ERROR).toEqual({
			errcode: 1030002006,
			description: '授权密钥校验失败，请获取最新密钥加密',
		});
	});

	it('after rotateAppSecret the old secret fails until push_app_authorize returns the new one', async () => {
		const oldSecret = sim.instance().appSecret;
		const oldToken = await freshToken();
		const newSecret = sim.rotateAppSecret();
		expect(newSecret).not.toBe(oldSecret);
		expect((await getToken(KINGDEE_DEMO.appKey, oldSecret)).data.errcode).toBe(1030002006);
		const auth = await authorize();
		expect(auth.data.data[0].appSecret).toBe(newSecret);
		const tok = await getToken(KINGDEE_DEMO.appKey, auth.data.data[0].appSecret);
		expect(tok.data.errcode).toBe(0);
		// tokens issued before the rotation stay valid
		expect((await send(oldToken)).data.errcode).toBe(0);
		sim.instance().appSecret = KINGDEE_DEMO.appSecret;
	});

	it('rotates over HTTP for the demo', async () => {
		const old = sim.instance().appSecret;
		await axios.post(`${base}/__kingdee/rotate-app-secret`, {
			outerInstanceId: KINGDEE_DEMO.outerInstanceId,
		});
		expect(sim.instance().appSecret).not.toBe(old);
		sim.instance().appSecret = KINGDEE_DEMO.appSecret;
	});

	it('limits token calls per minute when set', async () => {
		sim.settings.tokenCallsPerMinute = 2;
		const codes: number[] = [];
		for (let i = 0; i < 3; i++)
			codes.push((await getToken(KINGDEE_DEMO.appKey, KINGDEE_DEMO.appSecret)).status);
		expect(codes).toEqual([200, 200, 429]);
	});
});

describe('Kingdee simulator: outside_msg body', () => {
	const bad: Array<[string, unknown]> = [
		['channel missing', { ...MESSAGE, channel: undefined }],
		['channel empty', { ...MESSAGE, channel: [] }],
		['channel not an array', { ...MESSAGE, channel: 'XXZX' }],
		['channel unknown value', { ...MESSAGE, channel: ['XXZX', 'SMS'] }],
		['channel lower case', { ...MESSAGE, channel: ['xxzx'] }],
		['content missing', { ...MESSAGE, content: undefined }],
		['content empty', { ...MESSAGE, content: '' }],
		['content not a string', { ...MESSAGE, content: 1 }],
		['receivers missing', { ...MESSAGE, receivers: undefined }],
		['receivers empty', { ...MESSAGE, receivers: [] }],
		['receivers numbers', { ...MESSAGE, receivers: [333] }],
		['receivers a string', { ...MESSAGE, receivers: '333' }],
		['receivers empty id', { ...MESSAGE, receivers: ['333', ''] }],
		['title missing', { ...MESSAGE, title: undefined }],
		['title not a string', { ...MESSAGE, title: ['t'] }],
		['body an array', [MESSAGE]],
	];

	it.each(bad)('rejects %s', async (_name, body) => {
		const token = await freshToken();
		const res = await send(token, body);
		expect(res.status).toBe(200);
		expect(res.data.errcode).toBe(2000002000);
		expect(typeof res.data.description).toBe('string');
		expect(sim.recordsOf(KINGDEE_ROUTES.send)).toHaveLength(0);
	});

	it('rejects malformed JSON and a non-JSON content type', async () => {
		const token = await freshToken();
		const malformed = await send(token, undefined, { rawBody: '{"channel":' });
		const form = await send(token, undefined, {
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			rawBody: 'title=a',
		});
		expect(malformed.data).toEqual({ errcode: 2000002000, description: '请求体不是合法的 JSON' });
		expect(form.data).toEqual({
			errcode: 2000002000,
			description: 'Content-Type 必须为 application/json',
		});
	});

	it('answers data.success=false for receivers outside knownReceivers, and records nothing', async () => {
		sim.settings.knownReceivers = ['333'];
		const token = await freshToken();
		const res = await send(token, { ...MESSAGE, receivers: ['333', '444'] });
		expect(res.data).toEqual({
			data: { data: '', message: '接收人不存在：444', success: false },
			description: 'success',
			errcode: 0,
		});
		expect(sim.recordsOf(KINGDEE_ROUTES.send)).toHaveLength(0);
	});

	it('checks the signature before the body', async () => {
		const token = await freshToken();
		const res = await send(token, { title: 1 }, { clientSecret: 'wrong' });
		expect(res.data.errcode).toBe(4008);
	});
});
