import type { IDataObject, IExecuteFunctions, INode } from 'n8n-workflow';
import { EazytecZqtApi } from '../../credentials/EazytecZqtApi.credentials';
import { send } from '../../nodes/EazytecZqt/actions/message/send.operation';
import { EAZYTEC_CODES, MAY_HAVE_BEEN_SENT, ROUTES, eazytecClient, judgeEazytec } from '../../nodes/EazytecZqt/transport';
import type { Transport } from '../../nodes/common/transport';
import { platformError } from '../../nodes/common/errors';
import { ItemFields } from '../../nodes/common/validation';
import { EAZYTEC_DEMO, createEazytecSim, validateEazytecSend } from '../sim/eazytec';
import { fakeContext } from './support/fake-context';

const node: INode = { id: 'n', name: 'Eazytec ZQT', type: 'eazytecZqt', typeVersion: 1, position: [0, 0], parameters: {} };

function fields(params: IDataObject): ItemFields {
	return new ItemFields(
		{
			getNode: () => node,
			getNodeParameter: (name: string, _i: number, fallback?: unknown) => (name in params ? params[name] : fallback),
			getTimezone: () => 'Asia/Shanghai',
		},
		0,
	);
}

const base: IDataObject = {
	appId: EAZYTEC_DEMO.clientId,
	appName: '政企消息',
	title: 'Notice',
	body: "<div class='show_content'>Hello</div>",
	senderName: '宜兴人民政府',
	category: '会议通知',
	level: '紧急',
	fromUserId: EAZYTEC_DEMO.from.userid,
	fromUserType: 1,
	fromOrgId: EAZYTEC_DEMO.from.orgid,
	receiversInput: 'fields',
	receivers: { receiver: [{ userId: EAZYTEC_DEMO.to.userid, userType: 2, orgId: EAZYTEC_DEMO.to.orgid, deptId: '' }] },
	options: {},
};

/** An execution context with only a credential (no HTTP): what prepare may read without a network. */
const withCredential = (credentials: IDataObject = { authentication: 'tokenApi', clientId: EAZYTEC_DEMO.clientId }) =>
	({ getCredentials: async () => credentials }) as unknown as IExecuteFunctions;

const prepare = async (params: IDataObject, ctx = withCredential()) =>
	(await send.prepare.call(ctx, fields({ ...base, ...params }))) as { body: IDataObject };

const strict = { jsonStrings: 'strict', enums: 'listed' } as const;

describe('Eazytec Send: prepare builds the document\'s body from the node\'s fields', () => {
	it('every field, with recipient and attfiles as standard JSON text', async () => {
		const { body } = await prepare({
			options: {
				fromDeptId: EAZYTEC_DEMO.from.deptid,
				needPush: true,
				needReply: false,
				needSms: true,
				redirectPc: 'http://example.invalid/pc',
				redirectApp: 'ZQT_xx/#/detail?id=1',
				extMap: '{"test":"测试扩展"}',
				msgType: 0,
				attachments: { attachment: [{ name: '附件1', path: 'www.path.com' }, { name: '附件2', path: 'www.path.com/2' }] },
				recipient: { values: { orgId: 'org-1', esNameList: 'c-1, c-2', companyIdList: 't-1;t-2', linkmenTypeList: '' } },
			},
		});
		expect(body).toEqual({
			sendData: {
				appid: EAZYTEC_DEMO.clientId,
				appname: '政企消息',
				title: 'Notice',
				body: "<div class='show_content'>Hello</div>",
				msgtype: 0,
				needpush: 1,
				extMap: { test: '测试扩展' },
				params: {
					sender: '宜兴人民政府',
					msgcategory: '会议通知',
					msglevel: '紧急',
					recipient: '{"orgId":"org-1","esNameList":["c-1","c-2"],"companyIdList":["t-1","t-2"]}',
					hasatt: '1',
					attfiles: '[{"name":"附件1","path":"www.path.com"},{"name":"附件2","path":"www.path.com/2"}]',
					needreply: '0',
					needsms: '1',
					redirect_pc: 'http://example.invalid/pc',
					redirect_app: 'ZQT_xx/#/detail?id=1',
				},
			},
			from: { ...EAZYTEC_DEMO.from },
			to: [{ ...EAZYTEC_DEMO.to }],
		});
		// The simulator's strictest reading of the document accepts it.
		expect(validateEazytecSend(body, strict)).toBeUndefined();
	});

	it('the minimal body is valid too, and leaves optional fields out', async () => {
		const { body } = await prepare({});
		expect(validateEazytecSend(body, strict)).toBeUndefined();
		const sendData = body.sendData as IDataObject;
		expect(Object.keys(sendData).sort()).toEqual(['appid', 'appname', 'body', 'msgtype', 'params', 'title']);
		expect(Object.keys(sendData.params as IDataObject).sort()).toEqual(['msgcategory', 'msglevel', 'sender']);
		expect(body.from).toEqual({ userid: EAZYTEC_DEMO.from.userid, usertype: 1, orgid: EAZYTEC_DEMO.from.orgid });
	});

	it('receivers from JSON, with either key spelling and named user types', async () => {
		const { body } = await prepare({
			receiversInput: 'json',
			receiversJson: JSON.stringify([
				{ userid: 'u1', usertype: 1, orgid: 'o1' },
				{ userId: 'u2', userType: 'enterprise', orgId: 'o2', deptId: 'd2' },
			]),
		});
		expect(body.to).toEqual([
			{ userid: 'u1', usertype: 1, orgid: 'o1', deptid: '' },
			{ userid: 'u2', usertype: 2, orgid: 'o2', deptid: 'd2' },
		]);
	});

	it.each([
		[{ title: '' }, 'Item 1, field "Title": is required but empty'],
		[{ body: '  ' }, 'Item 1, field "Body (HTML)": is required but empty'],
		[{ senderName: '' }, 'Item 1, field "Sender Name": is required'],
		[{ category: 'Other' }, /Item 1, field "Category": "?Other"? is not one of the allowed values: 公共公示, 新闻通知, 政策公示, 会议通知/],
		[{ level: 'low' }, /Item 1, field "Level": "?low"? is not one of the allowed values: 紧急, 重要, 普通/],
		[{ fromUserType: 3 }, 'Item 1, field "Sender User Type": 3 is not 1 (government) or 2 (enterprise)'],
		[{ fromOrgId: '' }, 'Item 1, field "Sender Org ID": is required'],
		[{ receivers: {} }, 'Item 1, field "Receivers": needs at least one entry'],
		[{ receivers: { receiver: [{ userId: 'u', userType: 2, orgId: '' }] } }, 'Item 1, field "Receivers row 1 Org ID": is required'],
		[{ receiversInput: 'json', receiversJson: '[{"userid":"u"' }, 'Item 1, field "Receivers (JSON)": is not valid JSON'],
		[{ receiversInput: 'json', receiversJson: '[{"userid":"u","orgid":"o"}]' }, 'Item 1, field "Receivers (JSON) entry 1 User Type": is required'],
		[{ options: { extMap: '[1]' } }, 'Item 1, field "Extension Fields (JSON)": must be a JSON object'],
		[{ options: { attachments: { attachment: [{ name: 'a', path: '' }] } } }, 'Item 1, field "Attachments row 1 Path": is required'],
		[{ options: { needSms: 'maybe' } }, 'Item 1, field "SMS Reminder": "maybe" is not yes or no'],
		[{ options: { needPush: 2 } }, 'Item 1, field "Push to Mobile": 2 is not yes or no'],
		[{ options: { needReply: 'ja' } }, 'Item 1, field "Needs Reply": "ja" is not yes or no'],
		[{ options: { msgType: 1 } }, 'Item 1, field "Message Type": 1 is not documented for a send (only 0, 政企消息)'],
		[{ options: { msgType: 10, allowOtherMsgTypes: 'perhaps' } }, 'Item 1, field "Allow Other Message Types": "perhaps" is not yes or no'],
	])('rejects %j before sending', async (params, message) => {
		await expect(prepare(params)).rejects.toThrow(message);
	});

	it('accepts the example\'s category and level (通知公告, 一般) given by expression', async () => {
		const { body } = await prepare({ category: '通知公告', level: '一般' });
		expect((body.sendData as IDataObject).params).toMatchObject({ msgcategory: '通知公告', msglevel: '一般' });
	});

	it('yes/no options take only yes or no: the text "false" and "0" send 0, "true" and 1 send 1', async () => {
		const off = await prepare({ options: { needPush: '0', needReply: 'false', needSms: 'FALSE' } });
		expect((off.body.sendData as IDataObject).needpush).toBe(0);
		expect((off.body.sendData as IDataObject).params).toMatchObject({ needreply: '0', needsms: '0' });
		const on = await prepare({ options: { needPush: 'true', needReply: 1, needSms: '1' } });
		expect((on.body.sendData as IDataObject).needpush).toBe(1);
		expect((on.body.sendData as IDataObject).params).toMatchObject({ needreply: '1', needsms: '1' });
	});

	it('another Message Type goes out only when "Allow Other Message Types" is on', async () => {
		const { body } = await prepare({ options: { msgType: 10, allowOtherMsgTypes: true } });
		expect((body.sendData as IDataObject).msgtype).toBe(10);
	});

	it('an empty App ID is the credential\'s Client ID; with a pasted token it is required', async () => {
		const { body } = await prepare({ appId: '' }, withCredential({ authentication: 'tokenApi', clientId: ' client-from-credential ' }));
		expect((body.sendData as IDataObject).appid).toBe('client-from-credential');
		const oauth = await prepare({ appId: '' }, withCredential({ authentication: 'clientCredentials', clientId: 'oauth-client' }));
		expect((oauth.body.sendData as IDataObject).appid).toBe('oauth-client');
		await expect(prepare({ appId: '' }, withCredential({ authentication: 'accessToken', clientId: 'stale', accessToken: 't' }))).rejects.toThrow(
			'Item 1, field "App ID": is required but empty, and the credential has no Client ID',
		);
		// A given App ID wins.
		const given = await prepare({ appId: 'given' }, withCredential({ authentication: 'tokenApi', clientId: 'other' }));
		expect((given.body.sendData as IDataObject).appid).toBe('given');
	});
});

describe('Eazytec answers are judged as the document says', () => {
	const answer = (statusCode: number, body: unknown) => ({ statusCode, body, headers: {} });

	const POST = { method: 'POST' as const };
	const GET = { method: 'GET' as const };

	it('success is HTTP 200 with status 200, and oK true when the key is there', () => {
		expect(judgeEazytec(answer(200, { data: 'id', msg: 'success', oK: true, status: 200 }), false, POST)).toEqual({ ok: true });
		expect(judgeEazytec(answer(200, { data: 'id', msg: 'success', ok: true, status: 200 }), false, POST)).toEqual({ ok: true });
		// A wrapper without the oK key (issue: "HTTP 200 and status 200 but no oK is accepted").
		expect(judgeEazytec(answer(200, { data: 'id', msg: 'success', status: 200 }), false, POST)).toEqual({ ok: true });
		expect(judgeEazytec(answer(200, { data: 'id', status: 200 }), false, GET)).toEqual({ ok: true });
	});

	it('a send whose answer cannot be classified "may have been sent" and is not resent; a read is "not like a gateway"', () => {
		for (const odd of [
			answer(200, { data: 'id', msg: 'success', oK: false, status: 200 }),
			answer(200, { data: 'id', msg: 'success', status: 201 }),
			answer(200, { result: 'ok' }),
			answer(200, 'OK'),
			answer(500, { status: 500, error: 'Internal Server Error', message: 'NullPointerException' }),
			answer(502, 'Bad Gateway'),
			answer(403, { status: 403, error: 'Forbidden', message: 'Access Denied' }),
		]) {
			const v = judgeEazytec(odd, false, POST);
			expect(v).toMatchObject({ ok: false, kind: 'error', meaning: MAY_HAVE_BEEN_SENT });
			expect(v.ok === false && v.hint).toMatch(/Get Many Sent/);
		}
		expect(MAY_HAVE_BEEN_SENT).toMatch(/may have been sent — it was not resent/);
		expect(judgeEazytec(answer(200, { result: 'ok' }), false, GET)).toMatchObject({
			kind: 'error',
			meaning: 'The server did not answer like an Eazytec ZQT gateway',
		});
		// Certainly not taken: 404, 415 and the document's fail answer are plain refusals.
		expect(judgeEazytec(answer(404, { status: 404, error: 'Not Found' }), false, POST)).toMatchObject({ code: 'HTTP 404' });
		expect(judgeEazytec(answer(404, { status: 404, error: 'Not Found' }), false, POST)).not.toHaveProperty('meaning', MAY_HAVE_BEEN_SENT);
		expect(judgeEazytec(answer(200, { data: '缺少必要参数', msg: 'fail', status: 400 }), false, POST)).toMatchObject({ code: '400' });
	});

	it('401 invalid_token: renew for OAuth2, a clear "replace the token" error for a pasted one; the token is never in the text', () => {
		const refused = answer(401, { error: 'invalid_token', error_description: 'Invalid access token: e9a86405-5b16-4d33' });
		expect(judgeEazytec(refused, false)).toMatchObject({ ok: false, kind: 'token', code: 'invalid_token', text: 'Invalid access token: ***' });
		const pasted = judgeEazytec(refused, true);
		expect(pasted).toMatchObject({ ok: false, kind: 'error', code: 'invalid_token' });
		expect(JSON.stringify(pasted)).not.toContain('e9a86405');
		expect(JSON.stringify(pasted)).toContain('paste it into the credential');
	});

	it('the 400 "fail" answer (HTTP 200 or 400) is an error with its meaning, never resent', () => {
		for (const http of [200, 400]) {
			const v = judgeEazytec(answer(http, { data: '缺少必要参数', msg: 'fail', status: 400 }), false);
			expect(v).toMatchObject({ ok: false, kind: 'error', code: '400', text: '缺少必要参数', meaning: 'A required parameter is missing' });
		}
		const err = platformError(node, { platform: 'Eazytec ZQT', ...(judgeEazytec(answer(200, { data: '参数格式错误', msg: 'fail', status: 400 }), false) as { code: string; text: string; meaning: string }), table: EAZYTEC_CODES });
		expect(err.message).toBe('Eazytec ZQT error 400: A parameter has the wrong format (platform message: 参数格式错误)');
	});

	it('anything else is "not like an Eazytec ZQT gateway", with the answer\'s own text, never resent', () => {
		expect(judgeEazytec(answer(200, '<html><body>Portal</body></html>'), false)).toEqual({
			ok: false,
			kind: 'error',
			code: 'HTTP 200',
			meaning: 'The server did not answer like an Eazytec ZQT gateway',
			hint: 'Check the Environment (or Base URL and Path Prefix) in the credential.',
			text: '<html><body>Portal</body></html>',
			uncertain: true,
		});
		expect(judgeEazytec(answer(403, { status: 403, error: 'Forbidden', message: 'Access Denied' }), false)).toMatchObject({
			kind: 'error',
			code: 'HTTP 403',
			text: 'Access Denied',
			meaning: 'The server did not answer like an Eazytec ZQT gateway',
		});
	});

	it('429 is resent (bounded); 404 and 5xx are errors', () => {
		expect(judgeEazytec(answer(429, ''), false)).toMatchObject({ kind: 'retry' });
		expect(judgeEazytec(answer(404, { status: 404, error: 'Not Found' }), false)).toMatchObject({ kind: 'error', code: 'HTTP 404' });
		expect(judgeEazytec(answer(502, 'Bad Gateway'), false)).toMatchObject({ kind: 'error', code: 'HTTP 502', meaning: 'The gateway failed', text: 'Bad Gateway' });
		expect(eazytecClient.forCredentials?.({ authentication: 'accessToken' }).token).toBeUndefined();
		expect(eazytecClient.forCredentials?.({ authentication: 'clientCredentials' }).token).toMatchObject({ field: 'token', expiresAtField: 'expiresAt' });
		expect(eazytecClient.forCredentials?.({ authentication: 'tokenApi' }).token).toMatchObject({ field: 'token', expiresAtField: 'expiresAt' });
	});
});

describe('Eazytec routes: one table for the send, the credential test and the token exchange', () => {
	it('execute calls the send route with the prepared body, and returns the outbox id', async () => {
		const { body } = await prepare({});
		const calls: unknown[][] = [];
		const t = {
			call: async (...args: unknown[]) => {
				calls.push(args);
				return { data: 'outbox-1', msg: 'success', oK: true, status: 200 };
			},
		} as unknown as Transport;
		const out = await send.execute.call({} as IExecuteFunctions, t, { body }, 3);
		expect(calls).toEqual([[ROUTES.send, body, 3]]);
		expect(ROUTES.send).toEqual({ method: 'POST', path: '/v3_1/msgcenter/send', carry: 'json' });
		expect(out).toEqual({ outboxId: 'outbox-1', status: 200, msg: 'success' });
	});

	it('the credential test posts to the same route', () => {
		const { request } = new EazytecZqtApi().test;
		expect(request).toMatchObject({ method: ROUTES.send.method, url: ROUTES.send.path });
	});
});

describe('Eazytec credential token exchange (against the simulator on 127.0.0.1)', () => {
	const sim = createEazytecSim();
	let url: string;
	const cred = new EazytecZqtApi();
	const helper = {
		helpers: {
			httpRequest: async (o: { method: string; url: string; qs?: Record<string, string>; headers: Record<string, string>; body: string }) => {
				const target = new URL(o.url);
				for (const [k, v] of Object.entries(o.qs ?? {})) target.searchParams.set(k, v);
				const r = await fetch(target, { method: o.method, headers: o.headers, body: o.body });
				const text = await r.text();
				return { statusCode: r.status, body: text, headers: {} };
			},
		},
	};
	const exchange = (data: IDataObject) =>
		cred.preAuthentication.call(helper as never, {
			environment: 'custom',
			baseUrl: url,
			authentication: 'clientCredentials',
			clientId: EAZYTEC_DEMO.clientId,
			clientSecret: EAZYTEC_DEMO.clientSecret,
			tokenUrl: `${url}/oauth/token`,
			...data,
		});
	const tokenApi = (data: IDataObject = {}) => exchange({ authentication: 'tokenApi', tokenUrl: `${url}/v2/oauth/token/api`, ...data });
	beforeAll(async () => {
		url = await sim.start();
	});
	afterAll(() => sim.stop());
	beforeEach(() => {
		sim.settings.tokenApiAnswer = 'accessTokenOnly';
	});

	it('token API: GET with clientId and clientSecret; data.access_token without expires_in has no expiry', async () => {
		const out = (await tokenApi()) as { token: string; expiresAt: number };
		expect(sim.tokens.check(out.token)).toBe('ok');
		expect(out.expiresAt).toBe(0);
		const call = sim.callsTo('GET /v2/oauth/token/api').at(-1)!;
		expect(call.query).toEqual({ clientId: EAZYTEC_DEMO.clientId, clientSecret: EAZYTEC_DEMO.clientSecret });
	});

	it('token API: data.expires_in, when the answer has it, sets the expiry', async () => {
		sim.settings.tokenApiAnswer = 'withExpiry';
		const before = Date.now();
		const out = (await tokenApi()) as { token: string; expiresAt: number };
		expect(sim.tokens.check(out.token)).toBe('ok');
		expect(out.expiresAt).toBeGreaterThan(before + 43000_000);
		expect(out.expiresAt).toBeLessThan(before + 43201_000);
	});

	it('token API: a wrong secret or an answer without data.access_token is a clear error without the secret', async () => {
		const wrong = tokenApi({ clientSecret: 'wrong-secret-456' });
		await expect(wrong).rejects.toThrow(
			/token API request failed \(HTTP 200\): the token API did not issue a token \(a wrong Client ID or Client Secret is the usual reason\) \(server message: fail; 获取token失败\)/,
		);
		await expect(tokenApi({ clientSecret: 'wrong-secret-456' })).rejects.not.toThrow(/wrong-secret-456/);
		sim.fail({ count: 1, route: 'GET /v2/oauth/token/api', status: 200, body: { data: { token: 'x' }, msg: 'success', oK: true, status: 200 } });
		await expect(tokenApi()).rejects.toThrow(/the answer has no data.access_token/);
		await expect(tokenApi({ tokenUrl: `${url}/nowhere` })).rejects.toThrow(/HTTP 404/);
	});

	it('OAuth2: form fields and Basic header both get a token with its expiry', async () => {
		for (const clientAuth of ['form', 'basic']) {
			const before = Date.now();
			const out = (await exchange({ clientAuth })) as { token: string; expiresAt: number };
			expect(sim.tokens.check(out.token)).toBe('ok');
			expect(out.expiresAt).toBeGreaterThan(before + 43000_000);
		}
	});

	it('OAuth2: a wrong secret, an unknown scope and a missing token URL give clear errors without the secret', async () => {
		await expect(exchange({ clientSecret: 'wrong-secret-123' })).rejects.toThrow(
			/token request failed \(HTTP 401, invalid_client\): the Client ID or Client Secret is wrong/,
		);
		await expect(exchange({ clientSecret: 'wrong-secret-123' })).rejects.not.toThrow(/wrong-secret-123/);
		await expect(exchange({ scope: 'admin' })).rejects.toThrow(/invalid_scope/);
		await expect(exchange({ tokenUrl: '' })).rejects.toThrow(/no documented token server/);
		await expect(tokenApi({ tokenUrl: '' })).rejects.toThrow(/no documented token server/);
	});

	it('a pasted token needs no exchange', async () => {
		const calls = sim.calls.length;
		expect(await exchange({ authentication: 'accessToken', accessToken: 'x' })).toEqual({});
		expect(sim.calls.length).toBe(calls);
	});
});

describe('Eazytec Send: a category the platform\'s dictionary lists is accepted (simulator)', () => {
	const sim = createEazytecSim({ settings: { categories: ['公共公示', '新闻通知', '政策公示', '会议通知', '招商信息'] } });
	let url: string;
	beforeAll(async () => {
		url = await sim.start();
	});
	afterAll(() => sim.stop());

	const context = (category: string, items = 1) =>
		fakeContext({
			params: { ...base, category, appId: '' },
			items,
			credentialType: 'eazytecZqtApi',
			credential: new EazytecZqtApi(),
			credentials: {
				environment: 'custom',
				baseUrl: url,
				pathPrefix: 'agcs',
				authentication: 'tokenApi',
				clientId: EAZYTEC_DEMO.clientId,
				clientSecret: EAZYTEC_DEMO.clientSecret,
				tokenUrl: `${url}/v2/oauth/token/api`,
				token: '',
			},
		});

	it('reads the dictionary once per run, before anything is sent, and takes its values', async () => {
		const ctx = context('招商信息');
		const prepared = [];
		for (const i of [0, 1, 2]) prepared.push((await send.prepare.call(ctx as never, new ItemFields(ctx as never, i))) as { body: IDataObject });
		expect(prepared.map((p) => ((p.body.sendData as IDataObject).params as IDataObject).msgcategory)).toEqual(['招商信息', '招商信息', '招商信息']);
		expect(sim.callsTo('GET /AGCS_zqc/v3_1/msgpoly/dict/category')).toHaveLength(1);
		expect(sim.callsTo('POST /AGCS_zqc/v3_1/msgcenter/send')).toHaveLength(0);
		expect((prepared[0].body.sendData as IDataObject).appid).toBe(EAZYTEC_DEMO.clientId);
		// The simulator's send takes it too: the dictionary is the platform's list.
		expect(validateEazytecSend(prepared[0].body, { ...strict, categories: sim.settings.categories })).toBeUndefined();
	});

	it('refuses a category neither documented nor in the dictionary, naming the dictionary\'s values', async () => {
		const ctx = context('Other');
		await expect(send.prepare.call(ctx as never, new ItemFields(ctx as never, 0))).rejects.toThrow(
			'Item 1, field "Category": "Other" is not one of the allowed values: 公共公示, 新闻通知, 政策公示, 会议通知, 通知公告, 招商信息',
		);
	});

	it('when the dictionary cannot be read, only the documented values pass, and the reason is given', async () => {
		const ctx = context('招商信息');
		sim.fail({ count: 1, route: 'GET /AGCS_zqc/v3_1/msgpoly/dict/category', status: 404, body: { status: 404, error: 'Not Found' } });
		await expect(send.prepare.call(ctx as never, new ItemFields(ctx as never, 0))).rejects.toThrow(
			/"招商信息" is not one of the allowed values: 公共公示, 新闻通知, 政策公示, 会议通知, 通知公告 \(the platform's category dictionary could not be read: Eazytec ZQT error HTTP 404/,
		);
	});
});
