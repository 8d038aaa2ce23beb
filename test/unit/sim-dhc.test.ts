import axios from 'axios';
import {
	DHC_CHANNEL_ROUTE,
	DHC_DEFAULT_SETTINGS,
	DHC_DEMO,
	DHC_TEMPLATE_ROUTE,
	createDhcSim,
	dhcBody,
} from '../sim/dhc';

const CHANNEL_PATH = '/api/openApi/message/push/channel';
const TEMPLATE_PATH = '/api/openApi/message/push/template';

/** The document's example 1 (specified receivers), verbatim. */
const example1 = () => ({
	appId: '102343444',
	receiverType: 'specified',
	receiverData: {
		user: ['USER001', 'USER002'],
		dept: ['DEPT001', 'DEPT002'],
		post: ['POST001', 'POST002'],
		role: ['ROLE001', 'ROLE002'],
	},
	channelData: {
		'1001': {
			sign: '东华医为',
			templateData: { templateId: 'T100101', paramData: { code: 1001, time: 5 } },
			content: '这是我的第一条短信消息',
		},
		'1002': {
			title: '发工资了',
			content: '你好，您的工资已发，请及时查收！',
			website: 'http://xxxx',
		},
		'1003': { title: '邮件标题', content: '邮件内容' },
	} as Record<string, Record<string, unknown>>,
	businessId: 'xxxxxx',
	priority: '2',
	senderName: '张三',
	sendTime: '2023-08-04 12:15:12',
});

/** The document's example 2 (custom channel accounts), verbatim. */
const example2 = () => ({
	...example1(),
	receiverType: 'custom',
	receiverData: {
		'1001': ['USER001', 'USER002'],
		'1002': ['18660886275', '18660886834'],
		'1003': ['zhaoli@126.com', 'zhaoli@126.com '],
	} as Record<string, unknown>,
});

/** The document's template example, verbatim. */
const templateExample = () => ({
	appId: '102343444',
	receiverType: 'specified',
	receiverData: {
		user: ['USER001', 'USER002'],
		dept: ['DEPT001', 'DEPT002'],
		post: ['POST001', 'POST002'],
		role: ['ROLE001', 'ROLE002'],
	} as Record<string, unknown>,
	templateCode: 'MSG1001',
	channelParamData: { code: 'Meidcal1001', name: '患者001' } as Record<string, unknown>,
	businessId: 'xxxxxx',
	priority: '2',
	senderName: '张三',
	sendTime: '2023-08-04 12:15:12',
});

describe('DHC simulator', () => {
	const sim = createDhcSim();
	let url: string;
	const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
		axios.post(`${url}${path}`, body, { validateStatus: () => true, headers });
	const channel = (body: unknown) => post(CHANNEL_PATH, body);
	const template = (body: unknown) => post(TEMPLATE_PATH, body);
	const expectParamError = async (
		p: Promise<{ status: number; data: unknown; headers: unknown }>,
		reason?: RegExp,
	) => {
		const res = await p;
		expect(res.status).toBe(404);
		expect(res.data).toEqual({ code: 404, msg: '参数有误' });
		if (reason)
			expect(String((res.headers as Record<string, string>)['x-sim-reason'])).toMatch(reason);
	};

	beforeAll(async () => {
		url = await sim.start();
	});
	afterAll(() => sim.stop());
	beforeEach(() => {
		sim.clear();
		sim.settings = { ...DHC_DEFAULT_SETTINGS };
	});

	describe('send by channel', () => {
		it('accepts the document example 1 (specified receivers) and records it once', async () => {
			const res = await channel(example1());
			expect(res.status).toBe(200);
			expect(res.data).toEqual({
				code: 200,
				msg: '操作成功',
				msgId: expect.stringMatching(/^[0-9a-f]{32}$/),
			});
			const records = sim.recordsOf(DHC_CHANNEL_ROUTE);
			expect(records).toHaveLength(1);
			expect(records[0].id).toBe(res.data.msgId);
			expect(records[0].payload).toMatchObject({
				appId: '102343444',
				receiverType: 'specified',
				priority: '2',
				sender: '张三',
				senderField: 'senderName',
				sendTime: '2023-08-04 12:15:12',
				scheduledAt: Date.UTC(2023, 7, 4, 4, 15, 12),
			});
		});

		it('accepts the document example 2 (custom channel accounts)', async () => {
			const res = await channel(example2());
			expect(res.data.code).toBe(200);
			expect(sim.recordsOf(DHC_CHANNEL_ROUTE)[0].payload.receiverData).toEqual(
				example2().receiverData,
			);
		});

		it('accepts a broadcast (receiverType all) without receiverData, with the default priority', async () => {
			const { receiverData, priority, sendTime, ...rest } = example1();
			const res = await channel({ ...rest, receiverType: 'all' });
			expect(res.data.code).toBe(200);
			expect(sim.records[0].payload).toMatchObject({
				receiverType: 'all',
				priority: '2',
				priorityGiven: false,
			});
			expect(sim.records[0].payload.scheduledAt).toBeUndefined();
			expect((await channel({ ...rest, receiverType: 'all', receiverData: {} })).data.code).toBe(
				200,
			);
		});

		it('accepts each specified receiver kind alone', async () => {
			for (const key of ['user', 'dept', 'post', 'role']) {
				const res = await channel({
					...example1(),
					receiverData: { [key]: [`${key.toUpperCase()}001`] },
				});
				expect(res.data.code).toBe(200);
			}
			expect(sim.records).toHaveLength(4);
		});

		it('accepts each content form on its own channel', async () => {
			const base = { appId: DHC_DEMO.appId, receiverType: 'all' };
			const forms: Record<string, unknown>[] = [
				{ [DHC_DEMO.channels.siteLetter]: { content: '<b>hi</b>' } },
				{
					[DHC_DEMO.channels.siteLetter]: {
						title: 't',
						content: '<p>x</p>',
						website: 'http://h/x',
					},
				},
				{ [DHC_DEMO.channels.sms]: { content: 'free text' } },
				{
					[DHC_DEMO.channels.sms]: {
						sign: '东华医为',
						templateData: { templateId: 'T1', paramData: { code: 'A' } },
					},
				},
				{ [DHC_DEMO.channels.sms]: { templateData: { templateId: 'T1' } } },
				{ [DHC_DEMO.channels.email]: { content: '<h1>mail</h1>' } },
				{ [DHC_DEMO.channels.email]: { title: 'subject', content: 'mail' } },
			];
			for (const channelData of forms)
				expect((await channel({ ...base, channelData })).data.code).toBe(200);
			expect(sim.records).toHaveLength(forms.length);
		});

		it('accepts msgType notice and reminder, and businessId', async () => {
			for (const msgType of ['notice', 'reminder']) {
				expect((await channel({ ...example1(), msgType })).data.code).toBe(200);
			}
			expect(sim.records[1].payload).toMatchObject({ msgType: 'reminder', businessId: 'xxxxxx' });
		});

		it('rejects each invalid parameter with 404 参数有误 and records nothing', async () => {
			const e = example1;
			const cases: [unknown, RegExp][] = [
				[{ ...e(), appId: undefined }, /appId is required/],
				[{ ...e(), appId: 102343444 }, /appId must be a string/],
				[{ ...e(), receiverType: undefined }, /receiverType is required/],
				[{ ...e(), receiverType: 'group' }, /receiverType must be/],
				[{ ...e(), channelData: undefined }, /channelData is required/],
				[{ ...e(), channelData: {} }, /names no channel/],
				[{ ...e(), channelData: { '9999': { content: 'x' } } }, /unknown channel code 9999/],
				[{ ...e(), channelData: { '1002': { title: 'no content' } } }, /1002\.content is required/],
				[{ ...e(), channelData: { '1002': { content: 1 } } }, /content must be a string/],
				[{ ...e(), channelData: { '1003': { title: 'x' } } }, /1003\.content is required/],
				[
					{ ...e(), channelData: { '1001': { sign: 'only sign' } } },
					/SMS needs templateData or content/,
				],
				[
					{ ...e(), channelData: { '1001': { templateData: { paramData: {} } } } },
					/templateId is required/,
				],
				[
					{ ...e(), channelData: { '1001': { templateData: 'T1' } } },
					/templateData must be a JSON object/,
				],
				[
					{
						...e(),
						channelData: { '1001': { templateData: { templateId: 'T', paramData: [1] } } },
					},
					/paramData must be/,
				],
				[{ ...e(), channelData: { '1002': { content: 'x', sign: 's' } } }, /unknown field sign/],
				[{ ...e(), channelData: { '1002': 'x' } }, /must be a JSON object/],
				[{ ...e(), receiverData: undefined }, /needs receiverData/],
				[{ ...e(), receiverData: {} }, /names no user/],
				[{ ...e(), receiverData: { user: [] } }, /names no user/],
				[
					{ ...e(), receiverData: { user: 'USER001' } },
					/receiverData\.user must be a string array/,
				],
				[{ ...e(), receiverData: { user: [''] } }, /non-empty strings/],
				[{ ...e(), receiverData: { group: ['G1'] } }, /unknown field group/],
				[{ ...e(), receiverType: 'all' }, /all takes no receiverData/],
				[
					{ ...e(), receiverType: 'custom', receiverData: {} },
					/custom receiverData names no channel/,
				],
				[
					{ ...e(), receiverType: 'custom', receiverData: { '9999': ['a'] } },
					/unknown channel code 9999/,
				],
				[
					{ ...e(), receiverType: 'custom', receiverData: { '1002': [] } },
					/receiverData\.1002 is empty/,
				],
				[{ ...e(), receiverType: 'custom', receiverData: { '1002': '186' } }, /string array/],
				[
					{
						...e(),
						receiverType: 'custom',
						channelData: { '1002': { content: 'x' } },
						receiverData: { '1003': ['a@b.c'] },
					},
					/channel 1003 has no content in channelData/,
				],
				[{ ...e(), priority: '4' }, /priority must be one of 1, 2, 3/],
				[{ ...e(), priority: '0' }, /priority must be one of 1, 2, 3/],
				[{ ...e(), priority: 2 }, /priority must be a string/],
				[{ ...e(), msgType: 'todo' }, /msgType must be notice or reminder/],
				[{ ...e(), businessId: 5 }, /businessId must be a string/],
				[{ ...e(), senderName: 7 }, /senderName must be a string/],
				[{ ...e(), sender: 'U1' }, /unknown field sender/],
				[{ ...e(), extra: 1 }, /unknown field extra/],
			];
			for (const [body, reason] of cases) await expectParamError(channel(body), reason);
			expect(sim.records).toHaveLength(0);
			expect(sim.rejections).toHaveLength(cases.length);
		});

		it('rejects a body that is not JSON or not sent as application/json', async () => {
			await expectParamError(
				post(CHANNEL_PATH, '{bad', { 'content-type': 'application/json' }),
				/not a JSON object/,
			);
			await expectParamError(
				post(CHANNEL_PATH, '[1]', { 'content-type': 'application/json' }),
				/not a JSON object/,
			);
			await expectParamError(
				post(CHANNEL_PATH, JSON.stringify(example1()), { 'content-type': 'text/plain' }),
				/Content-Type/,
			);
		});
	});

	describe('scheduled time', () => {
		it('takes yyyy-MM-dd HH:mm:ss as China time; empty means immediate', async () => {
			expect((await channel({ ...example1(), sendTime: '2030-12-31 23:59:59' })).data.code).toBe(
				200,
			);
			expect(sim.records[0].payload.scheduledAt).toBe(Date.UTC(2030, 11, 31, 15, 59, 59));
			expect((await channel({ ...example1(), sendTime: '' })).data.code).toBe(200);
			expect((await channel({ ...example1(), sendTime: null })).data.code).toBe(200);
			expect(sim.records[1].payload.scheduledAt).toBeUndefined();
		});

		it('rejects every other format', async () => {
			for (const sendTime of [
				'2023-08-04T12:15:12',
				'2023-08-04 12:15',
				'2023/08/04 12:15:12',
				'2023-8-4 12:15:12',
				'2023-02-30 12:15:12',
				'2023-08-04 12:15:12.000',
				'2023-08-04',
				1691122512000,
			]) {
				await expectParamError(channel({ ...example1(), sendTime }), /sendTime/);
				await expectParamError(template({ ...templateExample(), sendTime }), /sendTime/);
			}
			expect(sim.records).toHaveLength(0);
		});
	});

	describe('send from template', () => {
		it('accepts the document template example and records it once', async () => {
			const res = await template(templateExample());
			expect(res.status).toBe(200);
			expect(res.data).toEqual({ code: 200, msg: '操作成功', msgId: expect.any(String) });
			const records = sim.recordsOf(DHC_TEMPLATE_ROUTE);
			expect(records).toHaveLength(1);
			expect(records[0]).toMatchObject({
				id: res.data.msgId,
				payload: {
					templateCode: 'MSG1001',
					channelParamData: { code: 'Meidcal1001', name: '患者001' },
				},
			});
		});

		it('accepts broadcast and custom receivers', async () => {
			const { receiverData, ...rest } = templateExample();
			expect((await template({ ...rest, receiverType: 'all' })).data.code).toBe(200);
			const custom = {
				[DHC_DEMO.channels.sms]: ['18660886275'],
				[DHC_DEMO.channels.email]: ['a@b.cn'],
			};
			expect(
				(await template({ ...rest, receiverType: 'custom', receiverData: custom })).data.code,
			).toBe(200);
			expect(sim.recordsOf(DHC_TEMPLATE_ROUTE)).toHaveLength(2);
		});

		it('rejects each invalid parameter', async () => {
			const t = templateExample;
			const cases: [unknown, RegExp][] = [
				[{ ...t(), templateCode: undefined }, /templateCode is required/],
				[{ ...t(), templateCode: 'NOPE' }, /unknown templateCode NOPE/],
				[{ ...t(), channelParamData: undefined }, /channelParamData must be a JSON object/],
				[{ ...t(), channelParamData: { code: 'x' } }, /channelParamData\.name is required/],
				[{ ...t(), channelParamData: { code: 'x', name: { a: 1 } } }, /must be a string or number/],
				[{ ...t(), receiverData: { user: [] } }, /names no user/],
				[
					{ ...t(), receiverType: 'custom', receiverData: { '9999': ['a'] } },
					/unknown channel code/,
				],
				[{ ...t(), priority: '3' }, /priority must be one of 0, 1, 2/],
				[{ ...t(), priority: 'high' }, /priority must be one of 0, 1, 2/],
				[{ ...t(), msgType: 'notice' }, /unknown field msgType/],
				[{ ...t(), channelData: {} }, /unknown field channelData/],
			];
			for (const [body, reason] of cases) await expectParamError(template(body), reason);
			expect(sim.records).toHaveLength(0);
		});

		it('limits custom receivers to the template channels when configured', async () => {
			sim.settings.templates = { T2: { variables: [], channels: [DHC_DEMO.channels.email] } };
			const body = {
				...templateExample(),
				templateCode: 'T2',
				channelParamData: {},
				receiverType: 'custom',
			};
			expect((await template({ ...body, receiverData: { '1003': ['a@b.c'] } })).data.code).toBe(
				200,
			);
			await expectParamError(
				template({ ...body, receiverData: { '1001': ['186'] } }),
				/does not send on channel 1001/,
			);
		});
	});

	describe('authentication', () => {
		it('answers an unknown appId with 401 身份验证失败 on both routes', async () => {
			for (const res of [
				await channel({ ...example1(), appId: 'other' }),
				await template({ ...templateExample(), appId: 'other' }),
			]) {
				expect(res.status).toBe(401);
				expect(res.data).toEqual({ code: 401, msg: '身份验证失败' });
			}
			expect(sim.records).toHaveLength(0);
		});

		it('checks the appId before anything else in the body', async () => {
			const res = await channel({ appId: 'other', junk: true });
			expect(res.status).toBe(401);
		});

		it('requires the gateway header when one is configured', async () => {
			sim.settings.requiredHeader = { name: 'X-Gateway-Key', value: 'k1' };
			const missing = await channel(example1());
			expect([missing.status, missing.data]).toEqual([401, { code: 401, msg: '身份验证失败' }]);
			expect((await post(CHANNEL_PATH, example1(), { 'X-Gateway-Key': 'wrong' })).status).toBe(401);
			expect((await post(CHANNEL_PATH, example1(), { 'X-Gateway-Key': 'k1' })).data.code).toBe(200);
			expect(
				(await post(TEMPLATE_PATH, templateExample(), { 'x-gateway-key': 'k1' })).data.code,
			).toBe(200);
			expect(sim.records).toHaveLength(2);
		});

		it('takes more appIds from the settings control endpoint', async () => {
			await axios.post(`${url}/__sim/settings`, { appIds: ['A1'] });
			expect((await channel({ ...example1(), appId: 'A1' })).data.code).toBe(200);
			expect((await channel(example1())).status).toBe(401);
		});
	});

	describe('settings for the contradictions', () => {
		it('priority: each route its own table by default (template 0/1/2, none when absent); templatePriority channelTable reads 3/2/1', async () => {
			expect((await template({ ...templateExample(), priority: '0' })).data.code).toBe(200);
			const { priority, ...noPriority } = templateExample();
			await template(noPriority);
			expect(sim.records.map((r) => [r.payload.priority, r.payload.priorityGiven])).toEqual([
				['0', true],
				[undefined, false],
			]);
			sim.settings.templatePriority = 'channelTable';
			await expectParamError(template({ ...templateExample(), priority: '0' }), /1, 2, 3/);
			expect((await template({ ...templateExample(), priority: '3' })).data.code).toBe(200);
			await template(noPriority);
			expect(sim.records.slice(2).map((r) => r.payload.priority)).toEqual(['3', '2']);
			// the channel route always follows its own table
			expect((await channel({ ...example1(), priority: '3' })).data.code).toBe(200);
			await expectParamError(channel({ ...example1(), priority: '0' }), /1, 2, 3/);
		});

		it('sender: both documented names are accepted, the server reads senderField', async () => {
			const { senderName, ...rest } = example1();
			expect((await channel({ ...rest, senderCode: 'U001', senderName: '张三' })).data.code).toBe(200);
			sim.settings.senderField = 'senderCode';
			expect((await channel({ ...rest, senderCode: 'U001', senderName: '张三' })).data.code).toBe(200);
			expect((await channel(example1())).data.code).toBe(200);
			expect(sim.records.map((r) => [r.payload.sender, r.payload.senderField])).toEqual([
				['张三', 'senderName'],
				['U001', 'senderCode'],
				// a server reading senderCode silently loses a sender sent as senderName only
				[undefined, undefined],
			]);
		});

		it('unknownFields strict refuses the sender name the server does not read; ignore refuses nothing', async () => {
			sim.settings.unknownFields = 'strict';
			const { senderName, ...rest } = example1();
			await expectParamError(channel({ ...rest, senderCode: 'U001', senderName: '张三' }), /unknown field senderCode/);
			expect((await channel(example1())).data.code).toBe(200);
			sim.settings.senderField = 'senderCode';
			await expectParamError(channel(example1()), /unknown field senderName/);
			expect((await channel({ ...rest, senderCode: 'U001' })).data.code).toBe(200);
			expect(sim.records).toHaveLength(2);
		});

		it('paramErrorCode 400, codeType string, httpStatus always200', async () => {
			sim.settings.paramErrorCode = 400;
			let res = await channel({ ...example1(), priority: '9' });
			expect([res.status, res.data]).toEqual([400, { code: 400, msg: '参数有误' }]);
			sim.settings.codeType = 'string';
			sim.settings.httpStatus = 'always200';
			res = await channel({ ...example1(), appId: 'x' });
			expect([res.status, res.data]).toEqual([200, { code: '401', msg: '身份验证失败' }]);
			res = await channel(example1());
			expect(res.data).toMatchObject({ code: '200', msg: '操作成功' });
		});

		it('unknownFields ignore accepts extra fields', async () => {
			sim.settings.unknownFields = 'ignore';
			expect((await channel({ ...example1(), senderCode: 'x', extra: 1 })).data.code).toBe(200);
		});

		it('channels are per deployment', async () => {
			sim.settings.channels = { '001': 'siteLetter', '005': 'sms' };
			const body = { appId: DHC_DEMO.appId, receiverType: 'custom' };
			const ok = await channel({
				...body,
				channelData: { '005': { content: 'hi' } },
				receiverData: { '005': ['13800000000'] },
			});
			expect(ok.data.code).toBe(200);
			await expectParamError(
				channel({
					...body,
					channelData: { '1002': { content: 'x' } },
					receiverData: { '1002': ['1'] },
				}),
			);
		});
	});

	describe('faults from base', () => {
		it('answers injected 500s with the documented body, then accepts again', async () => {
			sim.fail({ count: 1, route: DHC_CHANNEL_ROUTE, status: 500, body: dhcBody(500) });
			const res = await channel(example1());
			expect([res.status, res.data]).toEqual([500, { code: 500, msg: '服务器内部错误。' }]);
			expect((await channel(example1())).data.code).toBe(200);
			expect(sim.records).toHaveLength(1);
		});

		it('answers over-rate requests with 500', async () => {
			sim.rate.qps = 1;
			const a = await channel(example1());
			const b = await channel(example1());
			expect(a.data.code).toBe(200);
			expect([b.status, b.data]).toEqual([500, { code: 500, msg: '服务器内部错误。' }]);
			expect(sim.records).toHaveLength(1);
		});

		it('leaves unknown paths and methods to base (404 / 405)', async () => {
			expect((await post('/api/openApi/message/push/other', example1())).status).toBe(404);
			expect(
				(await axios.get(`${url}${CHANNEL_PATH}`, { validateStatus: () => true })).status,
			).toBe(405);
		});
	});
});
