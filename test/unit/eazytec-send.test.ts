import type { IDataObject, IExecuteFunctions, INode } from 'n8n-workflow';
import { EazytecZqtApi } from '../../credentials/EazytecZqtApi.credentials';
import { send } from '../../nodes/EazytecZqt/actions/message/send.operation';
import { EAZYTEC_CODES, ROUTES, eazytecClient, judgeEazytec } from '../../nodes/EazytecZqt/transport';
import type { Transport } from '../../nodes/common/transport';
import { platformError } from '../../nodes/common/errors';
import { ItemFields } from '../../nodes/common/validation';
import { EAZYTEC_DEMO, createEazytecSim, validateEazytecSend } from '../sim/eazytec';

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

const prepare = (params: IDataObject) =>
	send.prepare.call({} as IExecuteFunctions, fields({ ...base, ...params })) as { body: IDataObject };

const strict = { jsonStrings: 'strict', enums: 'listed' } as const;

describe('Eazytec Send: prepare builds the document\'s body from the node\'s fields', () => {
	it('every field, with recipient and attfiles as standard JSON text', () => {
		const { body } = prepare({
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

	it('the minimal body is valid too, and leaves optional fields out', () => {
		const { body } = prepare({});
		expect(validateEazytecSend(body, strict)).toBeUndefined();
		const sendData = body.sendData as IDataObject;
		expect(Object.keys(sendData).sort()).toEqual(['appid', 'appname', 'body', 'msgtype', 'params', 'title']);
		expect(Object.keys(sendData.params as IDataObject).sort()).toEqual(['msgcategory', 'msglevel', 'sender']);
		expect(body.from).toEqual({ userid: EAZYTEC_DEMO.from.userid, usertype: 1, orgid: EAZYTEC_DEMO.from.orgid });
	});

	it('receivers from JSON, with either key spelling and named user types', () => {
		const { body } = prepare({
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
		[{ appId: '' }, 'Item 1, field "App ID": is required but empty'],
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
	])('rejects %j before sending', (params, message) => {
		expect(() => prepare(params)).toThrow(message);
	});

	it('accepts the example\'s category and level (通知公告, 一般) given by expression', () => {
		const { body } = prepare({ category: '通知公告', level: '一般' });
		expect((body.sendData as IDataObject).params).toMatchObject({ msgcategory: '通知公告', msglevel: '一般' });
	});
});

describe('Eazytec answers are judged as the document says', () => {
	const answer = (statusCode: number, body: unknown) => ({ statusCode, body, headers: {} });

	it('success needs status 200 and oK true', () => {
		expect(judgeEazytec(answer(200, { data: 'id', msg: 'success', oK: true, status: 200 }), false)).toEqual({ ok: true });
		expect(judgeEazytec(answer(200, { data: 'id', msg: 'success', status: 200 }), false).ok).toBe(false);
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
	});
});

describe('Eazytec routes: one table for the send, the credential test and the token exchange', () => {
	it('execute calls the send route with the prepared body, and returns the outbox id', async () => {
		const { body } = prepare({});
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
			httpRequest: async (o: { method: string; url: string; headers: Record<string, string>; body: string }) => {
				const r = await fetch(o.url, { method: o.method, headers: o.headers, body: o.body });
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
	beforeAll(async () => {
		url = await sim.start();
	});
	afterAll(() => sim.stop());

	it('form fields and Basic header both get a token with its expiry', async () => {
		for (const clientAuth of ['form', 'basic']) {
			const before = Date.now();
			const out = (await exchange({ clientAuth })) as { token: string; expiresAt: number };
			expect(sim.tokens.check(out.token)).toBe('ok');
			expect(out.expiresAt).toBeGreaterThan(before + 43000_000);
		}
	});

	it('a wrong secret, an unknown scope and a missing token URL give clear errors without the secret', async () => {
		await expect(exchange({ clientSecret: 'wrong-secret-123' })).rejects.toThrow(
			/token request failed \(HTTP 401, invalid_client\): the Client ID or Client Secret is wrong/,
		);
		await expect(exchange({ clientSecret: 'wrong-secret-123' })).rejects.not.toThrow(/wrong-secret-123/);
		await expect(exchange({ scope: 'admin' })).rejects.toThrow(/invalid_scope/);
		await expect(exchange({ tokenUrl: '' })).rejects.toThrow(/no documented token server/);
	});

	it('a pasted token needs no exchange', async () => {
		const calls = sim.calls.length;
		expect(await exchange({ authentication: 'accessToken', accessToken: 'x' })).toEqual({});
		expect(sim.calls.length).toBe(calls);
	});
});
