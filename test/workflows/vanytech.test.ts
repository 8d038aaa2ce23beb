import type { IDataObject } from 'n8n-workflow';
import { createVanytechSim, defaultVanytechSettings, VANYTECH_DEMO } from '../sim/vanytech';
import type { VanytechSim } from '../sim/vanytech';
import { expectSuccess, itemsOf, jsonOf, N8nHarness, workflow } from './harness';
import type { RunResult } from './harness';

const CRED = { id: 'vanytechCred01', name: 'Vanytech (simulator)' };
const credentials = { vanytechMessageCenterApi: CRED };
const SEND = 'POST /message/sendMessageApi';
const TOKEN_CALLS = ['GET /msg/getThirdAPIToken', 'POST /msg/getThirdAPIToken'];

function sendParams(overrides: Record<string, unknown> = {}) {
	return {
		resource: 'message',
		operation: 'send',
		title: '={{ "Notice " + $json.n }}',
		content: 'Please read.',
		channels: ['Portal'],
		receiversInput: 'fields',
		receivers: { receiver: [{ userId: '={{ $json.user }}', name: 'Receiver' }] },
		...overrides,
	};
}

function items(n: number, user = VANYTECH_DEMO.users[0].userId) {
	return Array.from({ length: n }, (_, k) => ({ n: k + 1, user }));
}

describe('Vanytech Message Center in a real n8n', () => {
	let sim: VanytechSim;
	let n8n: N8nHarness;
	const tokenExchanges = () => sim.calls.filter((c) => TOKEN_CALLS.includes(c.route)).length;
	const sentTitles = () => sim.recordsOf(SEND).map((r) => r.payload.msgtitle);

	/**
	 * Where the document is thin (issue: scheduled times, 【】 with Intelligence Mode, the card's
	 * user separator, SMS numbers, yes/no fields): one workflow, in a New York time zone, whose
	 * three items are scheduled sends and whose other nodes each take one item.
	 */
	const one = (name: string, parameters: IDataObject) => ({
		name,
		type: 'vanytechMessageCenter',
		from: 'One',
		continueOnFail: true,
		parameters,
		credentials,
	});
	const imSend = (options: IDataObject) =>
		sendParams({ title: 'IM', content: '【研发部】开会', channels: ['IntelligenceMode'], receivers: { receiver: [{ userId: '12345' }] }, options });
	const card = (options: IDataObject) => ({
		resource: 'message',
		operation: 'sendCard',
		userIds: 'test1, test2',
		title: 'Award',
		description: 'First prize',
		url: 'https://www.example.com/award',
		options,
	});
	const readings = workflow(
		'vanyReadings',
		[
			{
				name: 'Scheduled',
				type: 'vanytechMessageCenter',
				parameters: sendParams({
					title: '={{ "Scheduled " + $json.n }}',
					receivers: { receiver: [{ userId: '12345' }] },
					schedule: '2',
					sendTime: '={{ $json.at ?? DateTime.fromISO("2030-01-01T20:30:00", { zone: "America/New_York" }) }}',
					options: { isReply: '={{ $json.reply }}' },
				}),
				credentials,
			},
			{ name: 'One', type: 'n8n-nodes-base.limit', typeVersion: 1, from: 'Items', parameters: { maxItems: 1 } },
			one('Bad Reply', sendParams({ title: 'R', receivers: { receiver: [{ userId: '12345' }] }, options: { isReply: 'maybe' } })),
			one('IM Brackets', imSend({})),
			one('IM Without SMS', imSend({ intelligenceModeSms: false })),
			one('SMS', {
				resource: 'message',
				operation: 'sendSms',
				content: 'Visit confirmed',
				receiversInput: 'json',
				receiversJson: JSON.stringify([{ name: 'A', mobile: '+86 139-1234-5678' }, { name: 'B', mobile: '008618612345678' }]),
			}),
			one('SMS Bad Number', {
				resource: 'message',
				operation: 'sendSms',
				content: 'Visit confirmed',
				receiversInput: 'fields',
				receivers: { receiver: [{ mobile: '1391234567', name: 'C' }] },
			}),
			one('Card', card({})),
			one('Card Full-Width Bar', card({ userSeparator: '｜' })),
		],
		[
			{ n: 1, at: '2030-01-02T09:30:00', reply: 'false' },
			{ n: 2, at: '2030-01-01T20:30:00-05:00', reply: 'no' },
			{ n: 3, reply: '1' },
		],
	);
	(readings.settings as IDataObject).timezone = 'America/New_York';

	beforeAll(async () => {
		sim = createVanytechSim();
		const url = await sim.start();
		n8n = await N8nHarness.create('vanytech');
		await n8n.importCredentials([
			{
				...CRED,
				type: 'vanytechMessageCenterApi',
				data: { baseUrl: url, appId: VANYTECH_DEMO.appId, appPassword: VANYTECH_DEMO.appPassword, exchangeMethod: 'POST' },
			},
		]);
		await n8n.importWorkflows([
			workflow('vanySend25', [{ name: 'Send', type: 'vanytechMessageCenter', parameters: sendParams(), credentials }], items(25)),
			workflow(
				'vanyBadInput',
				[{ name: 'Send', type: 'vanytechMessageCenter', parameters: sendParams({ title: '={{ $json.n === 2 ? "" : "Notice " + $json.n }}' }), credentials }],
				items(3),
			),
			workflow(
				'vanyContinue',
				[
					{
						name: 'Send',
						type: 'vanytechMessageCenter',
						parameters: sendParams({ title: '={{ $json.n === 2 ? "" : "Notice " + $json.n }}' }),
						credentials,
						continueOnFail: true,
					},
				],
				items(3),
			),
			workflow(
				'vanyBadInputs',
				[
					{
						name: 'Send',
						type: 'vanytechMessageCenter',
						continueOnFail: true,
						parameters: sendParams({
							title: '={{ $json.title }}',
							receiversInput: 'json',
							receiversJson: '={{ $json.receivers }}',
							schedule: '={{ $json.schedule }}',
							sendTime: '={{ $json.sendTime }}',
						}),
						credentials,
					},
					{
						name: 'SMS',
						type: 'vanytechMessageCenter',
						from: 'Items',
						continueOnFail: true,
						parameters: {
							resource: 'message',
							operation: 'sendSms',
							content: '={{ $json.sms }}',
							receiversInput: 'fields',
							receivers: { receiver: [{ mobile: '13912345678', name: 'Guest' }] },
						},
						credentials,
					},
				],
				[
					{ title: '', receivers: '[{"userId":"12345"}]', schedule: '1', sendTime: '', sms: '〖Office〗 fine' },
					{ title: 'B', receivers: '[{"userId":"12345"', schedule: '1', sendTime: '', sms: '【Office】 not allowed' },
					{ title: 'C', receivers: '[{"userId":"12345"}]', schedule: '2', sendTime: '2020-01-01 08:00:00', sms: 'ok' },
				],
			),
			workflow(
				'vanyEveryOperation',
				[
					{
						name: 'Send Todo',
						type: 'vanytechMessageCenter',
						parameters: sendParams({
							title: 'Approve the budget',
							category: '4',
							waitLink: 'https://oa.example.edu.cn/todo/1',
							channels: ['Portal', 'SMS'],
							content: '【Finance】 please approve',
							options: { isReply: true, convertBrackets: true, summary: 'Budget' },
						}),
						credentials,
					},
					{ name: 'Progress', type: 'vanytechMessageCenter', parameters: { resource: 'message', operation: 'getProgress', msgId: '={{ $json.msgId }}' }, credentials },
					{
						name: 'Confirm',
						type: 'vanytechMessageCenter',
						parameters: { resource: 'message', operation: 'confirmTodo', msgId: '={{ $json.msgId }}', messageType: '1', state: '2' },
						credentials,
					},
					{
						name: 'SMS',
						type: 'vanytechMessageCenter',
						from: 'Items',
						parameters: {
							resource: 'message',
							operation: 'sendSms',
							content: 'Your visit is confirmed',
							receiversInput: 'json',
							receiversJson: JSON.stringify(VANYTECH_DEMO.mobiles),
						},
						credentials,
					},
					{
						name: 'Card',
						type: 'vanytechMessageCenter',
						from: 'Items',
						parameters: {
							resource: 'message',
							operation: 'sendCard',
							userIds: 'test1, test2',
							title: 'Award',
							description: '<div class="normal">First prize</div>',
							url: 'https://www.example.com/award',
							options: { btnTxt: 'More' },
						},
						credentials,
					},
					{ name: 'Accounts', type: 'vanytechMessageCenter', from: 'Items', parameters: { resource: 'wechatTemplate', operation: 'listAccounts', onlyAvailable: true }, credentials },
					{
						name: 'Templates',
						type: 'vanytechMessageCenter',
						from: 'Items',
						parameters: { resource: 'wechatTemplate', operation: 'listTemplates', publicId: VANYTECH_DEMO.publicId },
						credentials,
					},
					{
						name: 'Template Send',
						type: 'vanytechMessageCenter',
						from: 'Items',
						parameters: {
							resource: 'wechatTemplate',
							operation: 'send',
							userId: VANYTECH_DEMO.templateUserId,
							publicId: VANYTECH_DEMO.publicId,
							templateId: VANYTECH_DEMO.templateId,
							messageType: '1',
							url: 'https://www.vanytech.com',
							slots: {
								mappingMode: 'defineBelow',
								value: Object.fromEntries(
									Object.entries(VANYTECH_DEMO.templateData).map(([k, v]) => [k, (v as { value: string }).value]),
								),
								schema: [],
							},
						},
						credentials,
					},
					{
						name: 'Count',
						type: 'vanytechMessageCenter',
						from: 'Items',
						parameters: { resource: 'user', operation: 'getMessageCount', account: VANYTECH_DEMO.users[0].userId, type: '' },
						credentials,
					},
					{
						name: 'Messages',
						type: 'vanytechMessageCenter',
						from: 'Items',
						parameters: { resource: 'user', operation: 'getMessages', account: VANYTECH_DEMO.users[0].userId, returnAll: true },
						credentials,
					},
				],
				items(1),
			),
			workflow('vanyReplies', [
				{ name: 'Replies', type: 'vanytechMessageCenter', parameters: { resource: 'message', operation: 'getReplies', returnAll: true }, credentials },
			]),
			workflow('vanyPlatformError', [{ name: 'Send', type: 'vanytechMessageCenter', parameters: sendParams(), credentials }], items(1)),
			readings,
		]);
	});

	afterAll(async () => {
		n8n?.dispose();
		await sim?.stop();
	});

	beforeEach(() => sim.clear({ keepTokens: true }));

	const expectNoSecret = (run: RunResult, secrets: string[]) => {
		for (const s of secrets) expect(run.output).not.toContain(s);
	};

	it('50 items over two executions cost exactly one token exchange, and the token is stored', async () => {
		const first = await n8n.run('vanySend25');
		const second = await n8n.run('vanySend25');
		expect(first.status).toBe('success');
		expect(second.status).toBe('success');
		expect(jsonOf(first, 'Send')).toHaveLength(25);
		expect(jsonOf(first, 'Send')[0].msgId).toEqual(expect.any(String));
		expect(sim.recordsOf(SEND)).toHaveLength(50);
		expect(tokenExchanges()).toBe(1);
		const stored = await n8n.credential(CRED.id);
		expect(stored.token).toEqual(expect.any(String));
		expect(sim.tokens.check(stored.token)).toBe('ok');
		expect(Number(stored.expiresAt)).toBeGreaterThan(Date.now() + 3600_000);
		expectNoSecret(first, [VANYTECH_DEMO.appPassword, String(stored.token)]);
	});

	it('a token revoked in the middle of a run is renewed once and every item is delivered exactly once', async () => {
		const hadToken = Boolean((await n8n.credential(CRED.id)).token);
		sim.revokeAfterRecords = 10;
		const run = await n8n.run('vanySend25');
		expect(run.status).toBe('success');
		// One renewal (plus the first exchange when this test runs alone).
		expect(tokenExchanges()).toBe(hadToken ? 1 : 2);
		const titles = sentTitles();
		expect(titles).toHaveLength(25);
		expect(new Set(titles).size).toBe(25);
		const out = jsonOf(run, 'Send');
		expect(out.map((o) => o.msgId).every((id) => typeof id === 'string')).toBe(true);
	});

	it('bad input in one item stops the run before anything is sent and names the item and field', async () => {
		const run = await n8n.run('vanyBadInput');
		expect(run.status).toBe('error');
		expect(String(run.error?.message)).toContain('Item 2, field "Title": is required');
		expect(sim.recordsOf(SEND)).toHaveLength(0);
		expect(sim.callsTo(SEND)).toHaveLength(0);
	});

	it('with Continue On Fail, the bad item becomes an error item paired to its input and the others are sent', async () => {
		const run = await n8n.run('vanyContinue');
		expect(run.status).toBe('success');
		const out = run.runData.Send[0].data!.main![0]!;
		expect(out).toHaveLength(3);
		expect(out.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(out[1].json.error).toContain('Item 2, field "Title"');
		expect(out[0].json.msgId).toEqual(expect.any(String));
		expect(sentTitles()).toEqual(['Notice 1', 'Notice 3']);
	});

	it('rejects each kind of bad input with the item and field named, sending nothing for those items', async () => {
		const run = await n8n.run('vanyBadInputs');
		expect(run.status).toBe('success');
		const send = jsonOf(run, 'Send');
		expect(send[0].error).toContain('Item 1, field "Title": is required');
		expect(send[1].error).toContain('Item 2, field "Receivers (JSON)": is not valid JSON');
		expect(send[2].error).toContain('Item 3, field "Send At"');
		expect(send[2].error).toContain('in the past');
		const sms = jsonOf(run, 'SMS');
		expect(sms[0].msgId).toEqual(expect.any(String));
		expect(sms[1].error).toContain('Item 2, field "Content": contains 【 or 】');
		expect(sms[2].msgId).toEqual(expect.any(String));
		expect(sim.callsTo(SEND)).toHaveLength(0);
		const smsSent = sim.recordsOf('POST /message/sendMessageBySMSApi').map((r) => r.payload.msgContent);
		expect(smsSent).toEqual(['〖Office〗 fine', 'ok']);
	});

	it('runs every operation against the platform as documented', async () => {
		const run = await n8n.run('vanyEveryOperation');
		expectSuccess(run);
		const [todo] = jsonOf(run, 'Send Todo');
		expect(todo.msgId).toEqual(expect.any(String));
		const sent = sim.recordsOf(SEND)[0].payload;
		expect(sent).toMatchObject({ sendMsgType: '4', waitLink: 'https://oa.example.edu.cn/todo/1', isReply: '1' });
		expect(sent.sendChannel).toEqual(['Portal', 'SMS']);
		expect(sent.msgContent).toBe('〖Finance〗 please approve');
		expect(jsonOf(run, 'Progress')[0]).toMatchObject({ msgId: todo.msgId, stateName: expect.any(String), total: expect.any(Number) });
		expect(jsonOf(run, 'Confirm')[0]).toMatchObject({ msgId: todo.msgId, confirmed: true });
		expect(jsonOf(run, 'SMS')[0].msgId).toEqual(expect.any(String));
		expect(sim.recordsOf('POST /message/cardMessage')[0].payload).toMatchObject({ userList: ['test1', 'test2'], btnTxt: 'More' });
		const accounts = jsonOf(run, 'Accounts');
		expect(accounts.map((a) => a.publicId)).toEqual([VANYTECH_DEMO.publicId]);
		const templates = jsonOf(run, 'Templates');
		expect(templates.find((t) => t.template_id === VANYTECH_DEMO.templateId)?.slots).toEqual(
			expect.arrayContaining(['keyword1', 'keyword5']),
		);
		expect(jsonOf(run, 'Template Send')[0]).toMatchObject({ sent: true, messageId: expect.any(String) });
		expect(jsonOf(run, 'Count')[0]).toMatchObject({ account: VANYTECH_DEMO.users[0].userId, total: expect.any(Number) });
		const messages = jsonOf(run, 'Messages');
		expect(messages.length).toBeGreaterThan(0);
		expect(messages.every((m) => typeof m.stateName === 'string')).toBe(true);
		// pairedItem: the chained operations stay paired to the one input item.
		expect(itemsOf(run, 'Confirm')[0].pairedItem).toEqual({ item: 0 });
	});

	it('reads replies once: Get Replies returns what the platform holds, which it then deletes', async () => {
		const setup = await n8n.run('vanyEveryOperation');
		expectSuccess(setup);
		const msgId = String(jsonOf(setup, 'Send Todo')[0].msgId);
		sim.addReply(msgId, '12345', 'Approved');
		sim.addReply(msgId, '12346', 'Rejected');
		const replies = await n8n.run('vanyReplies');
		expectSuccess(replies);
		expect(jsonOf(replies, 'Replies').map((r) => r.content).sort()).toEqual(['Approved', 'Rejected']);
		expect(sim.replies).toHaveLength(0);
	});

	it('in a New York workflow: times without a zone are China time (shown in the output); 【】 refused with Intelligence Mode, SMS numbers normalised, cards joined with |', async () => {
		const run = await n8n.run('vanyReadings');
		expectSuccess(run);
		const scheduled = sim.recordsOf(SEND).filter((r) => String(r.payload.msgtitle).startsWith('Scheduled'));
		// the date picker's zone-less time, ISO with an offset, and an n8n date object in New York time
		expect(scheduled.map((r) => [r.payload.sendStatus, r.payload.sendTime, r.payload.isReply])).toEqual([
			['2', '2030-01-02 09:30:00', '0'],
			['2', '2030-01-02 09:30:00', '0'],
			['2', '2030-01-02 09:30:00', '1'],
		]);
		expect(jsonOf(run, 'Scheduled').map((o) => [o.sendTime, o.sendTimeIso])).toEqual(
			Array.from({ length: 3 }, () => ['2030-01-02 09:30:00', '2030-01-02T09:30:00+08:00']),
		);
		expect(jsonOf(run, 'Bad Reply')[0].error).toBe('Item 1, field "Allow Replies": "maybe" is not yes or no (use true/false or 1/0)');

		// the document's readings: 【】 refused with Intelligence Mode, SMS numbers normalised, cards joined with |
		expect(jsonOf(run, 'IM Brackets')[0].error).toBe('Item 1, field "Content": contains 【 or 】, which the platform forbids in SMS text');
		// told that Intelligence Mode has no SMS, the node sends: a platform that may end on SMS refuses it
		expect(String(jsonOf(run, 'IM Without SMS')[0].error)).toContain('Vanytech Message Center error 500012');
		const sms = sim.recordsOf('POST /message/sendMessageBySMSApi');
		expect(sms.map((r) => (r.payload.receivers as Array<{ mobile: string }>).map((m) => m.mobile))).toEqual([['13912345678', '18612345678']]);
		expect(jsonOf(run, 'SMS Bad Number')[0].error).toBe(
			'Item 1, field "Receivers row 1 Mobile": "1391234567" has 10 digits where a mobile number has 11',
		);
		expect(jsonOf(run, 'Card')[0]).toMatchObject({ sent: true, userList: 'test1|test2' });
		expect(String(jsonOf(run, 'Card Full-Width Bar')[0].error)).toContain('Vanytech Message Center error 500001');
		expect(sim.recordsOf('POST /message/cardMessage').map((r) => r.payload.userList)).toEqual([['test1', 'test2']]);
		expect(sim.rejectionReasons()).toEqual([
			'POST /message/sendMessageApi: 不合法的请求内容',
			'POST /message/cardMessage: 参数校验有误：userList包含不合法的用户：test1｜test2',
		]);
	});

	it('with the other readings set on both sides: Intelligence Mode without SMS keeps 【】, cards joined with ｜', async () => {
		Object.assign(sim.settings, { intelligenceModeSms: false, cardUserSeparator: '｜' });
		try {
			const run = await n8n.run('vanyReadings');
			expectSuccess(run);
			expect(jsonOf(run, 'IM Without SMS')[0].msgId).toEqual(expect.any(String));
			expect(sim.recordsOf(SEND).find((r) => r.payload.msgtitle === 'IM')?.payload.msgContent).toBe('【研发部】开会');
			expect(String(jsonOf(run, 'Card')[0].error)).toContain('Vanytech Message Center error 500001');
			expect(jsonOf(run, 'Card Full-Width Bar')[0]).toMatchObject({ sent: true, userList: 'test1｜test2' });
			expect(sim.recordsOf('POST /message/cardMessage').map((r) => r.payload.userList)).toEqual([['test1', 'test2']]);
		} finally {
			Object.assign(sim.settings, defaultVanytechSettings());
		}
	});

	it('explains a platform error in English with its code and text, and never resends it', async () => {
		sim.fail({ count: 1, route: SEND, body: { rspCode: '500013', rspMsg: '消息具有敏感词汇', resultData: null } });
		const run = await n8n.run('vanyPlatformError');
		expect(run.status).toBe('error');
		expect(String(run.error?.message)).toContain('Vanytech Message Center error 500013: The message contains sensitive words');
		expect(String(run.error?.message)).toContain('消息具有敏感词汇');
		expect(sim.callsTo(SEND)).toHaveLength(1);
		expectNoSecret(run, [VANYTECH_DEMO.appPassword]);
	});
});
