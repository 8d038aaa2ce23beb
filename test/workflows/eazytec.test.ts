import type { IDataObject } from 'n8n-workflow';
import {
	EAZYTEC_CATEGORY_PATH,
	EAZYTEC_DEMO,
	EAZYTEC_OUTBOX_PATH,
	EAZYTEC_PUSH_PATH,
	EAZYTEC_PUSH_RECORD,
	EAZYTEC_SEND_PATH,
	EAZYTEC_TOKEN_API_V2_PATH,
	EAZYTEC_SEND_PATH_ANKE,
	EAZYTEC_SEND_RECORD,
	EAZYTEC_TOKEN_PATH,
	createEazytecSim,
} from '../sim/eazytec';
import type { EazytecSim } from '../sim/eazytec';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eazytecDemo } from '../sim/eazytec.demo';
import { jsonOf, N8nHarness, workflow } from './harness';
import type { RunResult } from './harness';

const OAUTH = { id: 'eazytecOauth01', name: 'Eazytec (simulator, /AGCS_zqc)' };
const ANKE = { id: 'eazytecAnke01', name: 'Eazytec (simulator, no prefix, Basic)' };
const PASTED = { id: 'eazytecPasted1', name: 'Eazytec (simulator, pasted token)' };
const BADSECRET = { id: 'eazytecBadSec1', name: 'Eazytec (simulator, wrong secret)' };
const WRONG_SECRET = 'not-the-secret-0xdeadbeef';
/** The demo credential: the default flow, Client ID and Secret through the token API. */
const TOKEN_API = { id: 'cnmsgEazytec01', name: 'Eazytec ZQT (simulator)' };
const uses = (c: { id: string; name: string }) => ({ eazytecZqtApi: c });

function sendParams(overrides: IDataObject = {}): IDataObject {
	return {
		resource: 'message',
		operation: 'send',
		appId: EAZYTEC_DEMO.clientId,
		appName: EAZYTEC_DEMO.appname,
		title: '={{ "Notice " + $json.n }}',
		body: "={{ \"<div class='show_content'>Body \" + $json.n + \"</div>\" }}",
		senderName: '宜兴人民政府',
		category: '会议通知',
		level: '重要',
		fromUserId: EAZYTEC_DEMO.from.userid,
		fromUserType: 1,
		fromOrgId: EAZYTEC_DEMO.from.orgid,
		receiversInput: 'fields',
		receivers: { receiver: [{ userId: EAZYTEC_DEMO.to.userid, userType: 2, orgId: EAZYTEC_DEMO.to.orgid, deptId: '' }] },
		options: {
			fromDeptId: EAZYTEC_DEMO.from.deptid,
			needPush: true,
			needReply: true,
			needSms: false,
			redirectPc: 'http://127.0.0.1/pc',
			redirectApp: 'ZQT_xx/#/detail',
			extMap: '{"source":"n8n"}',
			attachments: { attachment: [{ name: '附件1', path: 'www.path.com' }] },
			recipient: { values: { orgId: 'org-1', esNameList: 'c-1,c-2', companyIdList: 't-1', linkmenTypeList: 'k-1' } },
		},
		...overrides,
	};
}

const items = (n: number) => Array.from({ length: n }, (_, k) => ({ n: k + 1 }));

/** The workflows of the operations besides Send (and the Send options the issue list names). */
function moreWorkflows(): IDataObject[] {
	const eazytec = (name: string, parameters: IDataObject, c = TOKEN_API, continueOnFail = false) => ({
		name,
		type: 'eazytecZqt',
		parameters,
		credentials: uses(c),
		continueOnFail,
	});
	const send = (overrides: IDataObject = {}, c = TOKEN_API, continueOnFail = false) => eazytec('Send', sendParams(overrides), c, continueOnFail);
	const list = (parameters: IDataObject, c = TOKEN_API) =>
		eazytec('List', { resource: 'message', operation: 'getSentMessages', state: 1, ...parameters }, c);
	const push = (parameters: IDataObject = {}) =>
		eazytec('Push', {
			resource: 'message',
			operation: 'pushToMobile',
			pushType: 'task',
			title: '={{ "Approve " + $json.n }}',
			usersInput: 'fields',
			users: { user: [{ userId: EAZYTEC_DEMO.to.userid, userType: 2 }] },
			options: { content: 'Leave request', url: 'http://h5.example/task/1', params: '{"taskId":"t-1"}' },
			...parameters,
		});
	const categories = (c = TOKEN_API) => eazytec('Categories', { resource: 'dictionary', operation: 'getCategories' }, c);
	const filters = { filters: { appId: EAZYTEC_DEMO.clientId, title: 'Notice' } };
	return [
		workflow(
			'ez1aTokenSend',
			[send({ appId: '', category: '={{ "招商信息" }}', options: { needSms: '={{ "false" }}', needPush: '={{ "0" }}', needReply: '={{ "true" }}' } })],
			items(2),
		),
		workflow('ez1bCategories', [categories()]),
		workflow('ez1cPush', [push()], items(1)),
		workflow('ez1dListAll', [list({ returnAll: true, ...filters })]),
		workflow('ez1eListLimit', [list({ returnAll: false, limit: 1, ...filters })]),
		workflow('ez1fSendGet', [send({ options: {} }), eazytec('Get', { resource: 'message', operation: 'getSentMessage', outboxId: '={{ $json.outboxId }}' })], items(1)),
		workflow('ez1gAnkeReads', [categories(ANKE), { ...list({ returnAll: true }, ANKE), from: 'Items' }]),
		workflow('ez2bListAll', [list({ returnAll: true, ...filters })]),
		workflow('ez2aSendType10', [send({ options: { msgType: 10, allowOtherMsgTypes: true } })], items(1)),
		workflow('ez3BadYesNo', [send({ options: { needSms: '={{ "maybe" }}' } })]),
		workflow('ez3BadMsgType', [send({ options: { msgType: 1 } })]),
		workflow('ez3BadPush', [push({ users: {} })]),
		workflow('ez3BadCategory', [send({ category: 'Other' })]),
		workflow('ez3Unreadable', [send({ options: {} }, TOKEN_API, true)]),
	];
}

describe('Eazytec ZQT in a real n8n', () => {
	let sim: EazytecSim;
	let url: string;
	let n8n: N8nHarness;
	let pastedToken: string;
	const pastedTokens: string[] = [];
	const outputs: RunResult[] = [];
	const exchanges = () => sim.callsTo(`POST ${EAZYTEC_TOKEN_PATH}`).length;
	const sends = (path = EAZYTEC_SEND_PATH) => sim.callsTo(`POST ${path}`).length;
	const titles = () => sim.recordsOf(EAZYTEC_SEND_RECORD).map((r) => (r.payload.sendData as IDataObject).title);
	const pastedData = () => ({ environment: 'custom', baseUrl: url, pathPrefix: 'agcs', authentication: 'accessToken', accessToken: pastedToken });
	const run = async (id: string) => {
		const r = await n8n.run(id);
		outputs.push(r);
		return r;
	};

	beforeAll(async () => {
		sim = createEazytecSim({ settings: { jsonStrings: 'strict' } });
		url = await sim.start();
		// A token obtained outside n8n, for the pasted-token credential.
		const answer = await fetch(`${url}${EAZYTEC_TOKEN_PATH}`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			body: `grant_type=client_credentials&scope=read&client_id=${EAZYTEC_DEMO.clientId}&client_secret=${EAZYTEC_DEMO.clientSecret}`,
		});
		pastedToken = ((await answer.json()) as { access_token: string }).access_token;
		pastedTokens.push(pastedToken);
		n8n = await N8nHarness.create('eazytec');
		const oauth = {
			environment: 'custom',
			baseUrl: url,
			authentication: 'clientCredentials',
			clientId: EAZYTEC_DEMO.clientId,
			clientSecret: EAZYTEC_DEMO.clientSecret,
			tokenUrl: `${url}${EAZYTEC_TOKEN_PATH}`,
			scope: '',
		};
		await n8n.importCredentials([
			{ ...OAUTH, type: 'eazytecZqtApi', data: { ...oauth, pathPrefix: 'agcs', clientAuth: 'form' } },
			{ ...ANKE, type: 'eazytecZqtApi', data: { ...oauth, pathPrefix: 'none', clientAuth: 'basic', scope: 'read get_user_info' } },
			{ ...PASTED, type: 'eazytecZqtApi', data: pastedData() },
			{ ...BADSECRET, type: 'eazytecZqtApi', data: { ...oauth, pathPrefix: 'agcs', clientAuth: 'form', clientSecret: WRONG_SECRET } },
			...eazytecDemo.credentials(url),
		]);
		const node = (c: { id: string; name: string }, overrides: IDataObject = {}, continueOnFail = false) => ({
			name: 'Send',
			type: 'eazytecZqt',
			parameters: sendParams(overrides),
			credentials: uses(c),
			continueOnFail,
		});
		await n8n.importWorkflows([
			workflow('ezSend5', [node(OAUTH)], items(5)),
			workflow('ezAnke2', [node(ANKE, { options: {} })], items(2)),
			workflow('ezPasted2', [node(PASTED)], items(2)),
			workflow('ezBadInput', [node(OAUTH, { title: '={{ $json.n === 2 ? "" : "Notice " + $json.n }}' })], items(3)),
			workflow('ezRefused', [node(OAUTH, { level: '={{ $json.n === 2 ? "一般" : "普通" }}' }, true)], items(3)),
			workflow('ezBadSecret', [node(BADSECRET)], items(1)),
			...moreWorkflows(),
			JSON.parse(readFileSync(join(__dirname, '..', '..', 'examples', 'eazytec-send.json'), 'utf8')) as IDataObject,
		]);
	});

	afterAll(async () => {
		n8n?.dispose();
		await sim?.stop();
	});

	beforeEach(() => {
		sim.clear({ keepTokens: true });
		Object.assign(sim.settings, {
			prefix: 'both',
			enums: 'example',
			failHttpStatus: 200,
			okKey: true,
			outboxPage: 'list',
			tokenApiAnswer: 'accessTokenOnly',
			msgtypes: [0],
			categories: ['公共公示', '新闻通知', '政策公示', '会议通知'],
		});
	});

	it('sends every field through a custom Base URL with /AGCS_zqc, one token exchange for two runs, token stored', async () => {
		sim.settings.prefix = 'agcs';
		const first = await run('ezSend5');
		const second = await run('ezSend5');
		expect(first.status).toBe('success');
		expect(second.status).toBe('success');
		expect(exchanges()).toBe(1);
		expect(sends()).toBe(10);
		const records = sim.recordsOf(EAZYTEC_SEND_RECORD);
		expect(records).toHaveLength(10);
		const out = jsonOf(first, 'Send');
		expect(out.map((o) => o.outboxId)).toEqual(records.slice(0, 5).map((r) => r.id));
		expect(out[0]).toEqual({ outboxId: records[0].id, status: 200, msg: 'success' });
		expect(records[0].payload).toEqual({
			sendData: {
				appid: EAZYTEC_DEMO.clientId,
				appname: EAZYTEC_DEMO.appname,
				title: 'Notice 1',
				body: "<div class='show_content'>Body 1</div>",
				msgtype: 0,
				needpush: 1,
				extMap: { source: 'n8n' },
				params: {
					sender: '宜兴人民政府',
					msgcategory: '会议通知',
					msglevel: '重要',
					recipient: '{"orgId":"org-1","esNameList":["c-1","c-2"],"companyIdList":["t-1"],"linkmenTypeList":["k-1"]}',
					hasatt: '1',
					attfiles: '[{"name":"附件1","path":"www.path.com"}]',
					needreply: '1',
					needsms: '0',
					redirect_pc: 'http://127.0.0.1/pc',
					redirect_app: 'ZQT_xx/#/detail',
				},
			},
			from: { ...EAZYTEC_DEMO.from },
			to: [{ ...EAZYTEC_DEMO.to }],
		});
		const stored = await n8n.credential(OAUTH.id);
		expect(sim.tokens.check(stored.token)).toBe('ok');
		expect(Number(stored.expiresAt)).toBeGreaterThan(Date.now() + 12 * 3600_000 - 120_000);
	});

	it('the same credential type sends without the prefix (安可 style) with Basic client authentication', async () => {
		sim.settings.prefix = 'none';
		const r = await run('ezAnke2');
		expect(r.status).toBe('success');
		expect(sends(EAZYTEC_SEND_PATH_ANKE)).toBe(2);
		expect(sends(EAZYTEC_SEND_PATH)).toBe(0);
		expect(titles()).toEqual(expect.arrayContaining(['Notice 1', 'Notice 2']));
		expect(jsonOf(r, 'Send').every((o) => typeof o.outboxId === 'string')).toBe(true);
	});

	it('a revoked token gets a 401 invalid_token, is renewed once, and every item is delivered exactly once', async () => {
		const before = await n8n.credential(OAUTH.id);
		const hadToken = Boolean(before.token);
		sim.clear(); // every token revoked
		const r = await run('ezSend5');
		expect(r.status).toBe('success');
		expect(exchanges()).toBe(1);
		const t = titles();
		expect(t).toHaveLength(5);
		expect(new Set(t).size).toBe(5);
		const after = await n8n.credential(OAUTH.id);
		if (hadToken) expect(after.token).not.toBe(before.token);
		expect(sim.tokens.check(after.token)).toBe('ok');

		// Revoked again in the middle of a run: one more renewal, still no duplicate.
		sim.clear({ keepTokens: true });
		sim.revokeAfterRecords = 2;
		const mid = await run('ezSend5');
		expect(mid.status).toBe('success');
		expect(exchanges()).toBe(1);
		expect(titles().sort()).toEqual(['Notice 1', 'Notice 2', 'Notice 3', 'Notice 4', 'Notice 5']);
	});

	it('the example workflow runs against the simulator with the demo credential', async () => {
		const r = await run('cnmsgExEazytecSend');
		expect(r.status).toBe('success');
		const records = sim.recordsOf(EAZYTEC_SEND_RECORD);
		expect(records).toHaveLength(1);
		expect(jsonOf(r, 'Send')).toEqual([{ outboxId: records[0].id, status: 200, msg: 'success' }]);
		expect((records[0].payload.sendData as IDataObject).params).toMatchObject({
			msgcategory: '公共公示',
			attfiles: '[{"name":"登记表.docx","path":"https://example.com/files/form.docx"}]',
		});
	});

	it('bad input in one item stops the run before anything is sent and names the item and field', async () => {
		const r = await run('ezBadInput');
		expect(r.status).toBe('error');
		expect(String(r.error?.message)).toContain('Item 2, field "Title": is required but empty');
		expect(sends()).toBe(0);
		expect(exchanges()).toBe(0);
	});

	it('a message the platform refuses (status 400, HTTP 400) is a clear error item, never resent; the others go', async () => {
		sim.settings.enums = 'listed';
		sim.settings.failHttpStatus = 400;
		const r = await run('ezRefused');
		expect(r.status).toBe('success');
		const out = r.runData.Send[0].data!.main![0]!;
		expect(out.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(out[1].json.error).toBe(
			'Eazytec ZQT error 400: A parameter has the wrong format (platform message: 参数格式错误)',
		);
		expect(typeof out[0].json.outboxId).toBe('string');
		expect(sends()).toBe(3);
		expect(titles().sort()).toEqual(['Notice 1', 'Notice 3']);
	});

	it('a pasted token works, and once refused gives a clear "replace the token" error with no renewal and nothing sent', async () => {
		// Earlier tests revoked every token: paste a fresh one, as a user would.
		const fresh = await fetch(`${url}${EAZYTEC_TOKEN_PATH}`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			body: `grant_type=client_credentials&scope=read&client_id=${EAZYTEC_DEMO.clientId}&client_secret=${EAZYTEC_DEMO.clientSecret}`,
		});
		pastedToken = ((await fresh.json()) as { access_token: string }).access_token;
		pastedTokens.push(pastedToken);
		await n8n.importCredentials([{ ...PASTED, type: 'eazytecZqtApi', data: pastedData() }]);
		sim.clear({ keepTokens: true });
		const ok = await run('ezPasted2');
		expect(ok.status).toBe('success');
		expect(titles()).toHaveLength(2);
		expect(exchanges()).toBe(0);

		sim.clear(); // every token revoked
		const refused = await run('ezPasted2');
		expect(refused.status).toBe('error');
		const message = String(refused.error?.message);
		expect(message).toContain('Eazytec ZQT error invalid_token: The gateway refused the pasted access token');
		expect(JSON.stringify(refused.error)).toContain('paste it into the credential');
		expect(exchanges()).toBe(0);
		expect(sim.recordsOf(EAZYTEC_SEND_RECORD)).toHaveLength(0);
		// Each item was tried once: no resend with the same refused token.
		expect(sends()).toBeLessThanOrEqual(2);
	});

	const tokenApiCalls = () => sim.callsTo(`GET ${EAZYTEC_TOKEN_API_V2_PATH}`).length;
	/** One n8n process runs the workflows one after another, in the order of their ids. */
	const batch = async (ids: string[]) => {
		const b = await n8n.runBatchData(ids);
		outputs.push(...Object.values(b.runs));
		return b;
	};
	const runOf = (b: Awaited<ReturnType<typeof batch>>, id: string) => {
		const r = b.runs[id];
		if (!r) throw new Error(`${id} did not succeed: ${b.errors[id] ?? b.output.slice(-2000)}`);
		return r;
	};

	it('the default flow (token API): one GET for every workflow, no expiry, and sends, lists, gets, pushes and reads the dictionary on both path forms', async () => {
		sim.clear(); // every token revoked: the demo credential gets a new one
		sim.settings.categories = ['公共公示', '新闻通知', '政策公示', '会议通知', '招商信息'];
		const b = await batch(['ez1aTokenSend', 'ez1bCategories', 'ez1cPush', 'ez1dListAll', 'ez1eListLimit', 'ez1fSendGet', 'ez1gAnkeReads']);
		expect(b.errors).toEqual({});
		expect(tokenApiCalls()).toBe(1);
		expect(sim.callsTo(`GET ${EAZYTEC_TOKEN_API_V2_PATH}`)[0].query).toEqual({ clientId: EAZYTEC_DEMO.clientId, clientSecret: EAZYTEC_DEMO.clientSecret });
		const stored = await n8n.credential(TOKEN_API.id);
		expect(sim.tokens.check(stored.token)).toBe('ok');
		expect(Number(stored.expiresAt)).toBe(0);

		// Send: the App ID is the credential's Client ID; the yes/no texts "false"/"0" go out as no;
		// a category the dictionary lists is accepted (one dictionary read for the run).
		const sent = sim.recordsOf(EAZYTEC_SEND_RECORD);
		const first = sent[0].payload.sendData as IDataObject;
		expect(first.appid).toBe(EAZYTEC_DEMO.clientId);
		expect(first.needpush).toBe(0);
		expect(first.params).toMatchObject({ msgcategory: '招商信息', needsms: '0', needreply: '1' });
		expect(jsonOf(runOf(b, 'ez1aTokenSend'), 'Send').map((o) => o.outboxId)).toEqual([sent[0].id, sent[1].id]);

		expect(jsonOf(runOf(b, 'ez1bCategories'), 'Categories')).toEqual(
			['公共公示', '新闻通知', '政策公示', '会议通知', '招商信息'].map((value) => ({ value, name: expect.any(String) })),
		);
		expect(jsonOf(runOf(b, 'ez1bCategories'), 'Categories')[3]).toEqual({ value: '会议通知', name: 'Meeting Notice' });

		expect(sim.recordsOf(EAZYTEC_PUSH_RECORD).map((r) => r.payload)).toEqual([
			{
				type: 'task',
				msg: { title: 'Approve 1', content: 'Leave request', appid: EAZYTEC_DEMO.clientId },
				params: { url: 'http://h5.example/task/1', taskId: 't-1' },
				users: [{ userid: EAZYTEC_DEMO.to.userid, usertype: 2 }],
			},
		]);
		expect(jsonOf(runOf(b, 'ez1cPush'), 'Push')).toEqual([{ status: 200, msg: 'success', data: null }]);

		// Get Many Sent: Return All pages through everything the filter matches; Limit stops early.
		const listed = jsonOf(runOf(b, 'ez1dListAll'), 'List');
		expect(listed.map((m) => m.outboxid)).toEqual([sent[1].id, sent[0].id]);
		expect(listed[0]).toMatchObject({ appid: EAZYTEC_DEMO.clientId, title: 'Notice 2', state: 1 });
		const listCall = sim.callsTo(`GET ${EAZYTEC_OUTBOX_PATH}`)[0];
		expect(listCall.query).toEqual({ appid: EAZYTEC_DEMO.clientId, title: 'Notice', state: '1', pageNo: '1', pageSize: '100' });
		expect(jsonOf(runOf(b, 'ez1eListLimit'), 'List')).toHaveLength(1);

		// Send, then Get Sent with the outbox ID it returned.
		const got = jsonOf(runOf(b, 'ez1fSendGet'), 'Get');
		expect(got).toEqual([expect.objectContaining({ outboxid: sim.recordsOf(EAZYTEC_SEND_RECORD)[2].id, title: 'Notice 1' })]);

		// Without /AGCS_zqc (安可 style), reads use the same routes.
		// (The OAuth2 credential's stored token may have been revoked by an earlier test: one renewal.)
		for (const path of [EAZYTEC_CATEGORY_PATH, EAZYTEC_OUTBOX_PATH].map((p) => p.replace('/AGCS_zqc', ''))) {
			expect(sim.callsTo(`GET ${path}`).length).toBeGreaterThanOrEqual(1);
			expect(sim.rejections.filter((r) => r.route === `GET ${path}` && r.code !== 'invalid_token')).toEqual([]);
		}
		expect(jsonOf(runOf(b, 'ez1gAnkeReads'), 'List').length).toBe(3);
	});

	it('the other readings: success without oK, the records page shape, a token API answer with expires_in (renewed when refused), another msgtype allowed on both sides', async () => {
		sim.clear(); // the stored no-expiry token is refused: renewed once through the token API
		Object.assign(sim.settings, { okKey: false, outboxPage: 'records', tokenApiAnswer: 'withExpiry', msgtypes: [0, 10] });
		const b = await batch(['ez2aSendType10', 'ez2bListAll']);
		expect(b.errors).toEqual({});
		expect(tokenApiCalls()).toBe(1);
		expect(sends()).toBe(2); // the refused one and its one resend
		const records = sim.recordsOf(EAZYTEC_SEND_RECORD);
		expect(records).toHaveLength(1);
		expect((records[0].payload.sendData as IDataObject).msgtype).toBe(10);
		expect(jsonOf(runOf(b, 'ez2aSendType10'), 'Send')).toEqual([{ outboxId: records[0].id, status: 200, msg: 'success' }]);
		const stored = await n8n.credential(TOKEN_API.id);
		expect(Number(stored.expiresAt)).toBeGreaterThan(Date.now() + 12 * 3600_000 - 120_000);
		// The records page shape is read too.
		expect(jsonOf(runOf(b, 'ez2bListAll'), 'List')).toEqual([expect.objectContaining({ outboxid: records[0].id, title: 'Notice 1' })]);
	});

	it('bad input per operation is refused with nothing sent; an answer the node cannot read is "may have been sent", never resent', async () => {
		sim.fail({ count: 1, route: `POST ${EAZYTEC_SEND_PATH}`, status: 200, body: { data: 'x', msg: 'success', oK: false, status: 200 } });
		const b = await batch(['ez3BadYesNo', 'ez3BadMsgType', 'ez3BadPush', 'ez3BadCategory', 'ez3Unreadable']);
		expect(b.errors.ez3BadYesNo).toContain('Item 1, field "SMS Reminder": "maybe" is not yes or no');
		expect(b.errors.ez3BadMsgType).toContain('Allow Other Message Types');
		expect(b.errors.ez3BadPush).toContain('Item 1, field "Receivers": needs at least one entry');
		expect(b.errors.ez3BadCategory).toContain('"Other" is not one of the allowed values: 公共公示, 新闻通知, 政策公示, 会议通知, 通知公告');
		expect(sim.callsTo(`POST ${EAZYTEC_PUSH_PATH}`)).toHaveLength(0);
		// Only the last workflow sent anything: once, answered oK false, reported and not resent.
		expect(sends()).toBe(1);
		const out = jsonOf(runOf(b, 'ez3Unreadable'), 'Send');
		expect(out[0].error).toContain('may have been sent — it was not resent');
		expect(sim.recordsOf(EAZYTEC_SEND_RECORD)).toHaveLength(0);
	});

	it('a wrong client secret gives a clear token error, and no run output anywhere holds a secret or token', async () => {
		const r = await run('ezBadSecret');
		expect(r.status).toBe('error');
		expect(String(r.error?.message)).toContain('the Client ID or Client Secret is wrong');
		expect(sends()).toBe(0);
		const stored = await n8n.credential(OAUTH.id);
		const secrets = [EAZYTEC_DEMO.clientSecret, WRONG_SECRET, ...pastedTokens, String(stored.token)];
		expect(outputs.length).toBeGreaterThanOrEqual(10);
		for (const o of outputs) for (const s of secrets) expect(o.output).not.toContain(s);
	});
});
