import axios, { type AxiosResponse } from 'axios';
import {
	EAZYTEC_CATEGORY_PATH,
	EAZYTEC_DEMO,
	EAZYTEC_OUTBOX_PATH,
	EAZYTEC_PUSH_PATH,
	EAZYTEC_PUSH_RECORD,
	EAZYTEC_SEND_PATH,
	EAZYTEC_SEND_PATH_ANKE,
	EAZYTEC_SEND_RECORD,
	createEazytecSim,
	eazytecExampleBody,
	parseLenientJson,
} from '../sim/eazytec';

const anyStatus = { validateStatus: () => true };
const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
const form = { 'content-type': 'application/x-www-form-urlencoded' };

describe('Eazytec simulator', () => {
	const sim = createEazytecSim();
	let url: string;
	beforeAll(async () => {
		url = await sim.start();
	});
	afterAll(() => sim.stop());
	beforeEach(() => {
		sim.clear();
		sim.tokens.ttlSeconds = 43200;
		Object.assign(sim.settings, {
			prefix: 'both',
			jsonStrings: 'lenient',
			enums: 'example',
			failHttpStatus: 200,
			expiredTokenMessage: 'invalid',
			appidMustMatchClient: false,
			reuseTokens: true,
			tokenApiAnswer: 'accessTokenOnly',
			okKey: true,
			outboxPage: 'list',
			getContentType: 'required',
		});
	});

	const tokenByForm = async (extra = ''): Promise<AxiosResponse> =>
		axios.post(
			`${url}/oauth/token`,
			`grant_type=client_credentials&client_id=${EAZYTEC_DEMO.clientId}&client_secret=${EAZYTEC_DEMO.clientSecret}${extra}`,
			{ headers: form, ...anyStatus },
		);
	const token = async (): Promise<string> => (await tokenByForm()).data.access_token;
	const send = async (body: unknown, bearer?: string, path = EAZYTEC_SEND_PATH, headers: Record<string, string> = {}) =>
		axios.post(`${url}${path}`, body, {
			headers: { ...(bearer ? { authorization: `Bearer ${bearer}` } : {}), ...headers },
			...anyStatus,
		});
	const sample = () => eazytecExampleBody() as any;

	describe('token endpoint', () => {
		it('issues a UUID bearer token to a client authenticated by HTTP Basic', async () => {
			const r = await axios.post(`${url}/oauth/token`, 'grant_type=client_credentials', {
				headers: { ...form, authorization: basic(EAZYTEC_DEMO.clientId, EAZYTEC_DEMO.clientSecret) },
			});
			expect(r.status).toBe(200);
			expect(r.data.access_token).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
			expect(r.data.token_type).toBe('bearer');
			expect(r.data.expires_in).toBeGreaterThan(43190);
			expect(r.data.expires_in).toBeLessThanOrEqual(43200);
			expect(typeof r.data.scope).toBe('string');
			expect(r.headers['cache-control']).toBe('no-store');
		});

		it('accepts client_id/client_secret as form fields and reuses the unexpired token (Spring)', async () => {
			const before = sim.tokens.issued;
			const a = await tokenByForm();
			const b = await tokenByForm();
			expect(a.status).toBe(200);
			expect(b.data.access_token).toBe(a.data.access_token);
			expect(sim.tokens.issued - before).toBe(1);
			sim.tokens.revokeAll();
			const c = await tokenByForm();
			expect(c.data.access_token).not.toBe(a.data.access_token);
		});

		it('grants a requested registered scope and rejects an unknown one', async () => {
			const ok = await tokenByForm('&scope=read');
			expect(ok.data.scope).toBe('read');
			const bad = await tokenByForm('&scope=admin');
			expect(bad.status).toBe(400);
			expect(bad.data.error).toBe('invalid_scope');
		});

		it('answers 401 invalid_client for a bad client, by Basic and by form', async () => {
			const byBasic = await axios.post(`${url}/oauth/token`, 'grant_type=client_credentials', {
				headers: { ...form, authorization: basic(EAZYTEC_DEMO.clientId, 'wrong') },
				...anyStatus,
			});
			const byForm = await axios.post(
				`${url}/oauth/token`,
				'grant_type=client_credentials&client_id=nobody&client_secret=x',
				{ headers: form, ...anyStatus },
			);
			for (const r of [byBasic, byForm]) {
				expect(r.status).toBe(401);
				expect(r.data).toEqual({ error: 'invalid_client', error_description: 'Bad client credentials' });
			}
			const none = await axios.post(`${url}/oauth/token`, 'grant_type=client_credentials', { headers: form, ...anyStatus });
			expect(none.status).toBe(401);
			expect(none.data.error).toBe('unauthorized');
		});

		it('rejects an unsupported or missing grant type with 400', async () => {
			const pw = await axios.post(`${url}/oauth/token`, 'grant_type=password&username=a&password=b', {
				headers: { ...form, authorization: basic(EAZYTEC_DEMO.clientId, EAZYTEC_DEMO.clientSecret) },
				...anyStatus,
			});
			expect(pw.status).toBe(400);
			expect(pw.data).toEqual({ error: 'unsupported_grant_type', error_description: 'Unsupported grant type: password' });
			const missing = await axios.post(`${url}/oauth/token`, '', {
				headers: { ...form, authorization: basic(EAZYTEC_DEMO.clientId, EAZYTEC_DEMO.clientSecret) },
				...anyStatus,
			});
			expect(missing.status).toBe(400);
			expect(missing.data.error).toBe('invalid_request');
		});

		it('serves the v2 token API in the platform result wrapper', async () => {
			const r = await axios.get(`${url}/v2/oauth/token/api`, {
				params: { clientId: EAZYTEC_DEMO.clientId, clientSecret: EAZYTEC_DEMO.clientSecret },
			});
			expect(r.data.status).toBe(200);
			expect(r.data.data.access_token).toBe(await token());
			const bad = await axios.get(`${url}/v2/oauth/token/api`, { params: { clientId: 'x', clientSecret: 'y' } });
			expect(bad.data).toEqual({ data: '获取token失败', msg: 'fail', status: 400 });
		});
	});

	describe('send', () => {
		it('accepts the document example with and without the /AGCS_zqc prefix, recording each once', async () => {
			const t = await token();
			const a = await send(sample(), t);
			const b = await send(sample(), t, EAZYTEC_SEND_PATH_ANKE);
			for (const r of [a, b]) {
				expect(r.status).toBe(200);
				expect(r.data).toEqual({ data: expect.any(String), msg: 'success', oK: true, status: 200 });
			}
			const records = sim.recordsOf(EAZYTEC_SEND_RECORD);
			expect(records.map((x) => x.id)).toEqual([a.data.data, b.data.data]);
			expect((records[0].payload as any).sendData.params.redirect_app).toBe('ZQT_xx/#/detail?id=xxx');
		});

		it('restricts the path form by the prefix setting', async () => {
			const t = await token();
			sim.settings.prefix = 'none';
			expect((await send(sample(), t)).status).toBe(404);
			expect((await send(sample(), t, EAZYTEC_SEND_PATH_ANKE)).status).toBe(200);
			sim.settings.prefix = 'agcs';
			expect((await send(sample(), t, EAZYTEC_SEND_PATH_ANKE)).status).toBe(404);
			expect((await send(sample(), t)).status).toBe(200);
		});

		it('answers 401 invalid_token for unknown, expired and revoked tokens, and 401 without a token', async () => {
			const unknown = await send(sample(), 'e9a86405-5b16-4d33-825b-ee5d848ac55');
			expect(unknown.status).toBe(401);
			expect(unknown.data).toEqual({
				error: 'invalid_token',
				error_description: 'Invalid access token: e9a86405-5b16-4d33-825b-ee5d848ac55',
			});

			const revokedToken = await token();
			await axios.post(`${url}/__sim/revoke-tokens`, {});
			const revoked = await send(sample(), revokedToken);
			expect(revoked.status).toBe(401);
			expect(revoked.data).toEqual({ error: 'invalid_token', error_description: `Invalid access token: ${revokedToken}` });

			sim.tokens.ttlSeconds = 1;
			const shortLived = await token();
			expect((await send(sample(), shortLived)).status).toBe(200);
			await new Promise((r) => setTimeout(r, 1100));
			const expired = await send(sample(), shortLived);
			expect(expired.status).toBe(401);
			expect(expired.data.error_description).toBe(`Invalid access token: ${shortLived}`);
			sim.settings.expiredTokenMessage = 'expired';
			expect((await send(sample(), shortLived)).data.error_description).toBe(`Access token expired: ${shortLived}`);

			const none = await send(sample());
			expect(none.status).toBe(401);
			expect(none.data.error).toBe('unauthorized');
			expect(sim.recordsOf(EAZYTEC_SEND_RECORD)).toHaveLength(1);
		});

		it.each([
			['sendData', (b: any) => delete b.sendData],
			['sendData.appid', (b: any) => delete b.sendData.appid],
			['sendData.appname', (b: any) => (b.sendData.appname = '')],
			['sendData.title', (b: any) => delete b.sendData.title],
			['sendData.body', (b: any) => (b.sendData.body = '  ')],
			['sendData.msgtype', (b: any) => delete b.sendData.msgtype],
			['sendData.params', (b: any) => delete b.sendData.params],
			['sendData.params.sender', (b: any) => delete b.sendData.params.sender],
			['sendData.params.msgcategory', (b: any) => delete b.sendData.params.msgcategory],
			['sendData.params.msglevel', (b: any) => (b.sendData.params.msglevel = null)],
			['from', (b: any) => delete b.from],
			['from.userid', (b: any) => delete b.from.userid],
			['from.usertype', (b: any) => delete b.from.usertype],
			['from.orgid', (b: any) => delete b.from.orgid],
			['to', (b: any) => (b.to = [])],
			['to[0].userid', (b: any) => delete b.to[0].userid],
			['to[0].usertype', (b: any) => delete b.to[0].usertype],
			['to[0].orgid', (b: any) => delete b.to[0].orgid],
		])('answers 缺少必要参数 when %s is missing', async (field, mutate) => {
			const body = sample();
			mutate(body);
			const r = await send(body, await token());
			expect(r.status).toBe(200);
			expect(r.data).toEqual({ data: '缺少必要参数', msg: 'fail', status: 400 });
			expect(r.headers['x-sim-reason']).toBe(`${field}: required`);
			expect(sim.recordsOf(EAZYTEC_SEND_RECORD)).toHaveLength(0);
		});

		it('accepts a body without any optional field and can answer failures with HTTP 400', async () => {
			const t = await token();
			const b = sample();
			for (const k of ['extMap', 'needpush']) delete b.sendData[k];
			for (const k of ['recipient', 'hasatt', 'attfiles', 'needreply', 'needsms', 'redirect_pc', 'redirect_app'])
				delete b.sendData.params[k];
			delete b.from.deptid;
			delete b.to[0].deptid;
			expect((await send(b, t)).data.oK).toBe(true);
			sim.settings.failHttpStatus = 400;
			delete b.sendData.title;
			const r = await send(b, t);
			expect(r.status).toBe(400);
			expect(r.data.msg).toBe('fail');
		});

		it.each([
			['sendData.msgtype', (b: any) => (b.sendData.msgtype = '0')],
			['sendData.msgtype', (b: any) => (b.sendData.msgtype = 1)],
			['sendData.needpush', (b: any) => (b.sendData.needpush = 2)],
			['sendData.extMap', (b: any) => (b.sendData.extMap = '{"a":1}')],
			['sendData.title', (b: any) => (b.sendData.title = 5)],
			['sendData.params.hasatt', (b: any) => (b.sendData.params.hasatt = 1)],
			['sendData.params.needsms', (b: any) => (b.sendData.params.needsms = 'yes')],
			['sendData.params.msgcategory', (b: any) => (b.sendData.params.msgcategory = '广告')],
			['sendData.params.msglevel', (b: any) => (b.sendData.params.msglevel = '低')],
			['from.usertype', (b: any) => (b.from.usertype = 3)],
			['to[0].usertype', (b: any) => (b.to[0].usertype = '2')],
			['to', (b: any) => (b.to = { userid: 'x' })],
		])('answers 参数格式错误 for a malformed %s', async (field, mutate) => {
			const body = sample();
			mutate(body);
			const r = await send(body, await token());
			expect(r.data).toEqual({ data: '参数格式错误', msg: 'fail', status: 400 });
			expect(String(r.headers['x-sim-reason'])).toMatch(new RegExp(`^${field.replace(/[[\].]/g, '\\$&')}: `));
		});

		it('validates the JSON-string fields: syntax, shape, and strict mode', async () => {
			const t = await token();
			const withParam = (k: string, v: unknown) => {
				const b = sample();
				b.sendData.params[k] = v;
				return b;
			};
			const reason = async (k: string, v: unknown) => {
				const r = await send(withParam(k, v), t);
				return r.data.oK ? 'ok' : String(r.headers['x-sim-reason']);
			};
			expect(await reason('attfiles', JSON.stringify([{ name: 'a.pdf', path: 'https://x/a.pdf' }]))).toBe('ok');
			expect(await reason('attfiles', "[{'name':'a.pdf','path':'x'}")).toMatch(/^sendData\.params\.attfiles: not valid JSON/);
			expect(await reason('attfiles', '{"name":"a","path":"b"}')).toBe('sendData.params.attfiles: must hold a JSON array');
			expect(await reason('attfiles', '[{"name":"a"}]')).toBe('sendData.params.attfiles: item 0 needs a path');
			expect(await reason('attfiles', [{ name: 'a', path: 'b' }])).toBe('sendData.params.attfiles: must be a string holding JSON');
			expect(await reason('recipient', '{"orgId":"o","esNameList":["a"]}')).toBe('ok');
			expect(await reason('recipient', '["o"]')).toBe('sendData.params.recipient: must hold a JSON object');
			expect(await reason('recipient', '{"companyIdList":"t-1"}')).toBe(
				'sendData.params.recipient: companyIdList must be a list of strings',
			);

			sim.settings.jsonStrings = 'strict';
			expect((await send(sample(), t)).headers['x-sim-reason']).toMatch(/^sendData\.params\.(recipient|attfiles): not valid JSON/);
			expect(await reason('attfiles', '[{"name":"a","path":"b"}]')).toMatch(/recipient: not valid JSON/);
			const b = withParam('attfiles', '[{"name":"a","path":"b"}]');
			b.sendData.params.recipient = '{"orgId":"org-1","esNameList":[],"companyIdList":["t-1"],"linkmenTypeList":[]}';
			expect((await send(b, t)).data.oK).toBe(true);
		});

		it('restricts categories and levels to the listed values when asked', async () => {
			const t = await token();
			sim.settings.enums = 'listed';
			expect((await send(sample(), t)).data.data).toBe('参数格式错误');
			const b = sample();
			b.sendData.params.msgcategory = '会议通知';
			b.sendData.params.msglevel = '紧急';
			expect((await send(b, t)).data.oK).toBe(true);
			sim.settings.enums = 'off';
			b.sendData.params.msgcategory = '任意';
			b.sendData.msgtype = 7;
			expect((await send(b, t)).data.oK).toBe(true);
		});

		it('checks appid against the token client when asked', async () => {
			const t = await token();
			sim.settings.appidMustMatchClient = true;
			expect((await send(sample(), t)).data.oK).toBe(true);
			const b = sample();
			b.sendData.appid = 'other_client';
			expect((await send(b, t)).headers['x-sim-reason']).toMatch(/^sendData\.appid/);
		});

		it('answers Spring errors for a non-JSON content type and a malformed body', async () => {
			const t = await token();
			const formBody = await send('title=x', t, EAZYTEC_SEND_PATH, form);
			expect(formBody.status).toBe(415);
			const broken = await send('{"sendData":', t, EAZYTEC_SEND_PATH, { 'content-type': 'application/json' });
			expect(broken.status).toBe(400);
			expect(broken.data.error).toBe('Bad Request');
			expect(sim.recordsOf(EAZYTEC_SEND_RECORD)).toHaveLength(0);
		});

		it('applies the rate limit and injected faults from the base', async () => {
			const t = await token();
			sim.rate.qps = 1;
			expect((await send(sample(), t)).status).toBe(200);
			expect((await send(sample(), t)).status).toBe(429);
			sim.rate.qps = 0;
			sim.fail({ count: 1, route: `POST ${EAZYTEC_SEND_PATH}`, status: 502, body: { error: 'Bad Gateway' } });
			expect((await send(sample(), t)).status).toBe(502);
			expect((await send(sample(), t)).status).toBe(200);
			expect(sim.recordsOf(EAZYTEC_SEND_RECORD)).toHaveLength(2);
		});
	});

	describe('token API answers', () => {
		it('data holds access_token only by default, Spring\'s full token with tokenApiAnswer withExpiry', async () => {
			const params = { clientId: EAZYTEC_DEMO.clientId, clientSecret: EAZYTEC_DEMO.clientSecret };
			const only = await axios.get(`${url}/v2/oauth/token/api`, { params });
			expect(Object.keys(only.data.data)).toEqual(['access_token']);
			expect(only.data).toMatchObject({ msg: 'success', oK: true, status: 200 });
			sim.settings.tokenApiAnswer = 'withExpiry';
			const full = await axios.get(`${url}/v2/oauth/token/api`, { params });
			expect(full.data.data).toMatchObject({ access_token: only.data.data.access_token, token_type: 'bearer', scope: expect.any(String) });
			expect(full.data.data.expires_in).toBeGreaterThan(43000);
			sim.settings.okKey = false;
			expect(Object.keys((await axios.get(`${url}/v2/oauth/token/api`, { params })).data)).toEqual(['data', 'msg', 'status']);
		});
	});

	describe('dictionary, outbox and push', () => {
		const json = { 'content-type': 'application/json' };
		const get = (path: string, bearer?: string, params: Record<string, unknown> = {}, headers: Record<string, string> = json) =>
			axios.get(`${url}${path}`, { params, headers: { ...headers, ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) }, ...anyStatus });

		it('the category dictionary, on both path forms, answers the document\'s list; 401 bodies without a token', async () => {
			const t = await token();
			for (const path of [EAZYTEC_CATEGORY_PATH, EAZYTEC_CATEGORY_PATH.replace('/AGCS_zqc', '')]) {
				const r = await get(path, t);
				expect(r.data).toEqual({ data: ['公共公示', '新闻通知', '政策公示', '会议通知'], msg: 'success', oK: true, status: 200 });
			}
			expect((await get(EAZYTEC_CATEGORY_PATH)).data.error).toBe('unauthorized');
			const bad = await get(EAZYTEC_CATEGORY_PATH, 'not-a-token');
			expect(bad.status).toBe(401);
			expect(bad.data).toEqual({ error: 'invalid_token', error_description: 'Invalid access token: not-a-token' });
			sim.settings.prefix = 'agcs';
			expect((await get(EAZYTEC_CATEGORY_PATH.replace('/AGCS_zqc', ''), t)).status).toBe(404);
		});

		it('a GET without the Content-Type the page requires is refused, unless getContentType is any', async () => {
			const t = await token();
			expect((await get(EAZYTEC_CATEGORY_PATH, t, {}, {})).status).toBe(415);
			sim.settings.getContentType = 'any';
			expect((await get(EAZYTEC_CATEGORY_PATH, t, {}, {})).status).toBe(200);
		});

		it('the outbox lists accepted sends newest first, filtered and paged, in either page shape', async () => {
			const t = await token();
			for (const title of ['A', 'B', 'C']) {
				const b = sample();
				b.sendData.title = `会议 ${title}`;
				expect((await send(b, t)).data.oK).toBe(true);
			}
			sim.addOutbox({ title: '草稿', state: 2, appid: 'other' });
			const page1 = await get(EAZYTEC_OUTBOX_PATH, t, { pageNo: 1, pageSize: 2, state: 1 });
			expect(page1.data.data).toMatchObject({ pageNum: 1, pageSize: 2, size: 2, total: 3, pages: 2 });
			expect(page1.data.data.list.map((m: { title: string }) => m.title)).toEqual(['会议 C', '会议 B']);
			expect(page1.data.data.list[0]).toEqual({
				outboxid: sim.recordsOf(EAZYTEC_SEND_RECORD)[2].id,
				appid: 'zqtong_gov_app_client',
				appname: '政企消息',
				msgtype: 0,
				title: '会议 C',
				fromUserid: EAZYTEC_DEMO.from.userid,
				fromUsertype: 1,
				fromOrgid: EAZYTEC_DEMO.from.orgid,
				fromDeptid: EAZYTEC_DEMO.from.deptid,
				state: 1,
			});
			sim.settings.outboxPage = 'records';
			const drafts = await get(EAZYTEC_OUTBOX_PATH.replace('/AGCS_zqc', ''), t, { state: 2 });
			expect(drafts.data.data).toMatchObject({ total: 1, size: 10, current: 1, pages: 1, records: [{ title: '草稿', state: 2 }] });
			expect((await get(EAZYTEC_OUTBOX_PATH, t, { title: 'B' })).data.data.records).toHaveLength(1);
			expect((await get(EAZYTEC_OUTBOX_PATH, t, { appid: 'x,other' })).data.data.records).toHaveLength(1);
			const wrong = await get(EAZYTEC_OUTBOX_PATH, t, { pageNo: 0 });
			expect(wrong.data).toEqual({ data: '参数格式错误', msg: 'fail', status: 400 });
			expect(wrong.headers['x-sim-reason']).toBe('pageNo: must be >= 1');
		});

		it('push: the documented body is recorded; a missing field is 缺少必要参数, nothing recorded', async () => {
			const t = await token();
			const body = { type: 'task', msg: { title: '推送标题', subtitle: '推送副标题', content: '推送正文', appid: 'app client id' }, params: { url: 'http://h5.example' }, users: [{ userid: 'u', usertype: 1 }] };
			const ok = await send(body, t, EAZYTEC_PUSH_PATH);
			expect(ok.data).toEqual({ data: null, msg: 'success', oK: true, status: 200 });
			expect(sim.recordsOf(EAZYTEC_PUSH_RECORD).map((r) => r.payload)).toEqual([body]);
			const noUsers = await send({ ...body, users: [] }, t, EAZYTEC_PUSH_PATH.replace('/AGCS_zqc', ''));
			expect(noUsers.data).toEqual({ data: '缺少必要参数', msg: 'fail', status: 400 });
			const badType = await send({ ...body, type: 'notice' }, t, EAZYTEC_PUSH_PATH);
			expect(badType.data.data).toBe('参数格式错误');
			expect(sim.recordsOf(EAZYTEC_PUSH_RECORD)).toHaveLength(1);
			sim.settings.okKey = false;
			expect((await send(body, t, EAZYTEC_PUSH_PATH)).data).toEqual({ data: null, msg: 'success', status: 200 });
		});

		it('the send takes the dictionary\'s categories, and msgtype only from msgtypes', async () => {
			const t = await token();
			const b = sample();
			b.sendData.params.msgcategory = '招商信息';
			expect((await send(b, t)).data.data).toBe('参数格式错误');
			sim.settings.categories = [...sim.settings.categories, '招商信息'];
			expect((await send(b, t)).data.oK).toBe(true);
			sim.settings.categories = sim.settings.categories.slice(0, 4);
			const c = sample();
			c.sendData.msgtype = 1;
			expect((await send(c, t)).headers['x-sim-reason']).toMatch(/^sendData\.msgtype/);
			sim.settings.msgtypes = [0, 1, 10];
			expect((await send(c, t)).data.oK).toBe(true);
			sim.settings.msgtypes = [0];
		});
	});

	it('parses single-quoted JSON like the document example, and nothing looser', () => {
		expect(parseLenientJson("[{'name':'附件1','path':'www.path.com'}]")).toEqual([{ name: '附件1', path: 'www.path.com' }]);
		expect(parseLenientJson('{"a":[1,true,null,"x\\u0041"]}')).toEqual({ a: [1, true, null, 'xA'] });
		expect(() => parseLenientJson('{a:1}')).toThrow();
		expect(() => parseLenientJson("['a'] x")).toThrow();
	});
});
