import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IDataObject } from 'n8n-workflow';
import { dhcDemo } from '../sim/dhc.demo';
import { createDhcSim, DHC_CHANNEL_ROUTE, DHC_DEFAULT_SETTINGS, DHC_DEMO, DHC_TEMPLATE_ROUTE, dhcBody } from '../sim/dhc';
import type { DhcSim } from '../sim/dhc';
import { jsonOf, N8nHarness, workflow } from './harness';
import type { NodeSpec, RunResult } from './harness';

const CRED = { id: 'dhcCred01', name: 'DHC (simulator)' };
const UNKNOWN_APP = { id: 'dhcCred02', name: 'DHC unknown app' };
const NO_HEADER = { id: 'dhcCred03', name: 'DHC without gateway header' };
const GATEWAY = { name: 'X-Gateway-Key', value: 'gw-secret-4821-xyz' };
const cred = (c: { id: string; name: string }) => ({ dhcMessagePlatformApi: c });

const letter = { title: 'Ward notice', content: '<p>Meeting at 3 pm</p>', website: 'http://his.local/n/1' };
const siteLetter = { siteLetter: [{ channelCode: '1002', ...letter }] };
const threeChannels = {
	sms: [{ channelCode: '1001', sign: '东华医为', templateId: 'T100101', paramData: '{"code": 1001, "time": 5}', content: '短信' }],
	...siteLetter,
	email: [{ channelCode: '1003', title: 'Mail title', content: '<b>Mail</b>' }],
};

function channelNode(name: string, parameters: IDataObject, extra: Partial<NodeSpec> = {}): NodeSpec {
	return {
		name,
		type: 'dhcMessagePlatform',
		parameters: { resource: 'message', operation: 'sendByChannel', contentInput: 'fields', channelContent: siteLetter, ...parameters },
		credentials: cred(CRED),
		...extra,
	};
}

function templateNode(name: string, parameters: IDataObject, extra: Partial<NodeSpec> = {}): NodeSpec {
	return {
		name,
		type: 'dhcMessagePlatform',
		parameters: {
			resource: 'message',
			operation: 'sendFromTemplate',
			templateCode: DHC_DEMO.template.code,
			variablesInput: 'fields',
			variables: { variable: [{ name: 'code', value: 'Meidcal1001' }, { name: 'name', value: '={{ "患者" + $("Items").item.json.n }}' }] },
			...parameters,
		},
		credentials: cred(CRED),
		...extra,
	};
}

describe('DHC Message Platform in a real n8n', () => {
	let sim: DhcSim;
	let n8n: N8nHarness;

	beforeAll(async () => {
		sim = createDhcSim();
		const url = await sim.start();
		n8n = await N8nHarness.create('dhc');
		const data = (appId: string, header = true) => ({
			baseUrl: `${url}/`,
			appId,
			ignoreSslIssues: false,
			headerName: header ? GATEWAY.name : '',
			headerSecret: header ? GATEWAY.value : '',
		});
		await n8n.importCredentials([
			{ ...CRED, type: 'dhcMessagePlatformApi', data: data(DHC_DEMO.appId) },
			{ ...UNKNOWN_APP, type: 'dhcMessagePlatformApi', data: data('999999999') },
			{ ...NO_HEADER, type: 'dhcMessagePlatformApi', data: data(DHC_DEMO.appId, false) },
			...dhcDemo.credentials(url),
		]);
		const every = workflow(
			'dhcEveryForm',
			[
				channelNode('All', { receiverType: 'all', options: { msgType: 'notice' } }),
				channelNode('Specified', {
					channelContent: threeChannels,
					receiverType: 'specified',
					receiversInput: 'fields',
					userCodes: 'USER001, USER002',
					deptCodes: 'DEPT001',
					postCodes: 'POST001',
					roleCodes: 'ROLE001',
					options: {
						businessId: '={{ "B-" + $("Items").item.json.n }}',
						msgType: 'reminder',
						priority: 'high',
						sender: '张三',
						// The workflow's time zone is New York; a time typed without a zone is China time.
						sendAt: '2030-01-02T09:30:00',
					},
				}),
				channelNode('Custom', {
					channelContent: threeChannels,
					receiverType: 'custom',
					receiversInput: 'fields',
					channelAccounts: {
						channel: [
							{ channelCode: '1001', accounts: '18660886275, 18660886834' },
							{ channelCode: '1003', accounts: 'zhaoli@126.com' },
						],
					},
				}),
				channelNode('JSON', {
					contentInput: 'json',
					channelDataJson: '{"1002": {"title": "发工资了", "content": "你好，您的工资已发，请及时查收！", "website": "http://xxxx"}}',
					receiverType: 'specified',
					receiversInput: 'json',
					receiverDataJson: '={{ JSON.stringify({ user: ["USER00" + $("Items").item.json.n], role: ["ROLE001"] }) }}',
					options: { priority: 'low', sender: 'S01', senderField: 'senderName' },
				}),
				templateNode('Template All', { receiverType: 'all', options: { sender: 'U001', sendAt: '2030-01-01T20:30:00-05:00' } }),
				templateNode('Template Specified', {
					receiverType: 'specified',
					receiversInput: 'fields',
					userCodes: 'USER001',
					deptCodes: 'DEPT001, DEPT002',
					options: {
						businessId: 'T-1',
						priority: '2',
						sender: '张三',
						senderField: 'senderName',
						sendAt: '={{ DateTime.fromISO("2030-05-31T12:00:00", { zone: "America/New_York" }) }}',
					},
				}),
				templateNode('Template Custom', {
					variablesInput: 'json',
					variablesJson: '{"code": "C9", "name": "患者009"}',
					receiverType: 'custom',
					receiversInput: 'json',
					receiverDataJson: '{"1001": ["18660886275"], "1002": ["USER001"]}',
					options: { priority: '0' },
				}),
			],
			[{ n: 1 }],
		);
		(every.settings as IDataObject).timezone = 'America/New_York';
		const examples = ['dhc-send-by-channel.json', 'dhc-send-from-template.json'].map(
			(f) => JSON.parse(readFileSync(join(__dirname, '..', '..', 'examples', f), 'utf8')) as IDataObject,
		);
		await n8n.importWorkflows([
			...examples,
			every,
			workflow(
				'dhcBadStops',
				[
					channelNode('Send', {
						receiverType: 'specified',
						receiversInput: 'fields',
						userCodes: '={{ $("Items").item.json.n === 2 ? "" : "USER00" + $("Items").item.json.n }}',
					}),
				],
				[{ n: 1 }, { n: 2 }, { n: 3 }],
			),
			workflow('dhcBadEach', [
				channelNode(
					'No Content',
					{ receiverType: 'custom', receiversInput: 'fields', channelAccounts: { channel: [{ channelCode: '1003', accounts: 'a@b.cn' }] } },
					{ continueOnFail: true },
				),
				channelNode('Bad Time', { receiverType: 'all', options: { sendAt: '={{ "2030-02-30 10:00:00" }}' } }, { continueOnFail: true }),
				templateNode(
					'No Receivers',
					{ receiverType: 'specified', receiversInput: 'json', receiverDataJson: '{"user": [], "dept": []}' },
					{ continueOnFail: true },
				),
			]),
			workflow('dhcAuthFail', [
				channelNode('Unknown App', { receiverType: 'all' }, { continueOnFail: true, credentials: cred(UNKNOWN_APP) }),
				channelNode('No Header', { receiverType: 'all' }, { credentials: cred(NO_HEADER) }),
			]),
			workflow('dhcOne', [channelNode('Send', { receiverType: 'all' })]),
			workflow('dhcAlternative', [
				templateNode('One Name, 3-2-1', {
					receiverType: 'all',
					options: { channelScalePriority: 'high', sender: 'U001', senderField: 'senderCode' },
				}),
				templateNode('Both Names', { receiverType: 'all', options: { sender: '张三' } }, { continueOnFail: true }),
				templateNode('Template Table Priority', { receiverType: 'all', options: { priority: '0' } }, { continueOnFail: true }),
			]),
		]);
	});

	afterAll(async () => {
		n8n?.dispose();
		await sim?.stop();
	});

	beforeEach(() => {
		sim.clear();
		Object.assign(sim.settings, DHC_DEFAULT_SETTINGS, { requiredHeader: { ...GATEWAY } });
	});

	const expectNoSecret = (run: RunResult) => expect(run.output).not.toContain(GATEWAY.value);

	it('sends by channel and from template with every receiver form, in fields and JSON, with the gateway header; times in a New York workflow are China time', async () => {
		// A platform built to the tables: it reads senderCode (the node sends both names by default).
		sim.settings.senderField = 'senderCode';
		const run = await n8n.run('dhcEveryForm');
		expect(run.status).toBe('success');
		expect(sim.rejections).toEqual([]);
		const channel = sim.recordsOf(DHC_CHANNEL_ROUTE).map((r) => r.payload);
		const template = sim.recordsOf(DHC_TEMPLATE_ROUTE).map((r) => r.payload);
		expect(channel).toHaveLength(4);
		expect(template).toHaveLength(3);

		// Each node answered code, msg and the msgId the platform recorded, and a scheduled send the time sent.
		const ids = [...sim.recordsOf(DHC_CHANNEL_ROUTE), ...sim.recordsOf(DHC_TEMPLATE_ROUTE)].map((r) => r.id);
		const names = ['All', 'Specified', 'Custom', 'JSON', 'Template All', 'Template Specified', 'Template Custom'];
		const at = (sendTime: string) => ({ sendTime, sendTimeIso: `${sendTime.replace(' ', 'T')}+08:00` });
		const times: Record<string, object> = {
			Specified: at('2030-01-02 09:30:00'),
			'Template All': at('2030-01-02 09:30:00'),
			'Template Specified': at('2030-06-01 00:00:00'),
		};
		expect(names.map((n) => jsonOf(run, n))).toEqual(ids.map((msgId, k) => [{ code: 200, msg: '操作成功', msgId, ...(times[names[k]] ?? {}) }]));

		const [all, specified, custom, json] = channel;
		expect(all.body).toEqual({ appId: DHC_DEMO.appId, receiverType: 'all', channelData: { '1002': letter }, msgType: 'notice' });
		expect(specified.body).toEqual({
			appId: DHC_DEMO.appId,
			receiverType: 'specified',
			receiverData: { user: ['USER001', 'USER002'], dept: ['DEPT001'], post: ['POST001'], role: ['ROLE001'] },
			channelData: {
				'1001': { sign: '东华医为', templateData: { templateId: 'T100101', paramData: { code: 1001, time: 5 } }, content: '短信' },
				'1002': letter,
				'1003': { title: 'Mail title', content: '<b>Mail</b>' },
			},
			businessId: 'B-1',
			msgType: 'reminder',
			priority: '3',
			senderCode: '张三',
			senderName: '张三',
			// typed without a zone in a New York workflow: China time, as typed
			sendTime: '2030-01-02 09:30:00',
		});
		expect(specified.scheduledAt).toBe(Date.parse('2030-01-02T01:30:00Z'));
		expect([specified.sender, specified.senderField]).toEqual(['张三', 'senderCode']);
		expect(custom.receiverType).toBe('custom');
		expect(custom.receiverData).toEqual({ '1001': ['18660886275', '18660886834'], '1003': ['zhaoli@126.com'] });
		expect(json.receiverData).toEqual({ user: ['USER001'], role: ['ROLE001'] });
		expect(json.channelData).toEqual({ '1002': { title: '发工资了', content: '你好，您的工资已发，请及时查收！', website: 'http://xxxx' } });
		// senderName only: a platform that reads senderCode does not see the sender
		expect([json.priority, json.sender, json.body && (json.body as IDataObject).senderName]).toEqual(['1', undefined, 'S01']);

		const [tAll, tSpecified, tCustom] = template;
		// no priority unless one is given: the template table names no default
		expect(tAll.body).toEqual({
			appId: DHC_DEMO.appId,
			receiverType: 'all',
			templateCode: 'MSG1001',
			channelParamData: { code: 'Meidcal1001', name: '患者1' },
			senderCode: 'U001',
			senderName: 'U001',
			// 20:30 in New York (UTC-5) is 09:30 the next day in China
			sendTime: '2030-01-02 09:30:00',
		});
		expect([tAll.priority, tAll.priorityGiven, tAll.sender]).toEqual([undefined, false, 'U001']);
		expect(tSpecified.body).toEqual({
			appId: DHC_DEMO.appId,
			receiverType: 'specified',
			receiverData: { user: ['USER001'], dept: ['DEPT001', 'DEPT002'] },
			templateCode: 'MSG1001',
			channelParamData: { code: 'Meidcal1001', name: '患者1' },
			businessId: 'T-1',
			priority: '2',
			senderName: '张三',
			// an n8n date object at noon in New York summer time (UTC-4) is midnight in China
			sendTime: '2030-06-01 00:00:00',
		});
		expect(tCustom.receiverData).toEqual({ '1001': ['18660886275'], '1002': ['USER001'] });
		expect(tCustom.channelParamData).toEqual({ code: 'C9', name: '患者009' });
		expect(tCustom.priority).toBe('0');
		expectNoSecret(run);
	});

	it('one item with specified receivers but no code stops the run before anything is sent', async () => {
		const run = await n8n.run('dhcBadStops');
		expect(run.status).toBe('error');
		expect(String(run.error?.message)).toContain(
			'Item 2, field "User Codes": is empty, and so are Department Codes, Post Codes and Role Codes',
		);
		expect(sim.calls).toHaveLength(0);
		expect(sim.records).toHaveLength(0);
	});

	it('refuses a custom receiver without content, an impossible time and empty receivers, each with nothing sent', async () => {
		const run = await n8n.run('dhcBadEach');
		expect(run.status).toBe('success');
		expect(jsonOf(run, 'No Content')[0].error).toBe(
			'Item 1, field "Channel Accounts": channel 1003 has accounts but no content',
		);
		expect(String(jsonOf(run, 'Bad Time')[0].error)).toMatch(/^Item 1, field "Send At": "?2030-02-30 10:00:00"? is not a date and time/);
		expect(jsonOf(run, 'No Receivers')[0].error).toBe(
			'Item 1, field "Receiver Data (JSON)": names no user, department, post or role',
		);
		expect(sim.calls).toHaveLength(0);
	});

	it('an unknown App ID and a missing gateway header end in a clear 401 error, without the header secret', async () => {
		const run = await n8n.run('dhcAuthFail');
		expect(run.status).toBe('error');
		expect(jsonOf(run, 'Unknown App')[0].error).toBe(
			'DHC Message Platform error 401: Authentication failed: the platform does not know this App ID (platform message: 身份验证失败)',
		);
		expect(String(run.error?.message)).toContain('DHC Message Platform error 401: Authentication failed');
		expect(sim.rejectionReasons()).toEqual([`${DHC_CHANNEL_ROUTE}: unknown appId 999999999`, `${DHC_CHANNEL_ROUTE}: header ${GATEWAY.name} missing or wrong`]);
		expect(sim.records).toHaveLength(0);
		expectNoSecret(run);
	});

	it('a 500 answer is reported in English and never resent', async () => {
		sim.fail({ route: DHC_CHANNEL_ROUTE, status: 500, body: dhcBody(500), count: 1 });
		const run = await n8n.run('dhcOne');
		expect(run.status).toBe('error');
		expect(String(run.error?.message)).toBe(
			'DHC Message Platform error 500: Internal server error of the message platform (platform message: 服务器内部错误。)',
		);
		expect(sim.callsTo(DHC_CHANNEL_ROUTE)).toHaveLength(1);
		expect(sim.records).toHaveLength(0);
		expectNoSecret(run);
	});

	it('where the document contradicts itself, the node options reach a strict platform built the other way', async () => {
		// Reads senderCode and refuses every field it does not read; priority on the template route
		// on the channel table's 3-2-1 scale; the appendix's 400, code as a string, always HTTP 200.
		Object.assign(sim.settings, {
			templatePriority: 'channelTable',
			senderField: 'senderCode',
			unknownFields: 'strict',
			paramErrorCode: 400,
			codeType: 'string',
			httpStatus: 'always200',
		});
		const run = await n8n.run('dhcAlternative');
		expect(run.status).toBe('success');
		const [sent] = sim.recordsOf(DHC_TEMPLATE_ROUTE).map((r) => r.payload);
		expect(sim.records).toHaveLength(1);
		expect([sent.priority, sent.sender, sent.senderField]).toEqual(['3', 'U001', 'senderCode']);
		expect(jsonOf(run, 'One Name, 3-2-1')).toEqual([{ code: '200', msg: '操作成功', msgId: sim.records[0].id }]);
		// The default (both names, the template table's 0-2) meets a parameter error there, explained.
		const invalid = 'DHC Message Platform error 400: Invalid parameters (platform message: 参数有误)';
		expect([jsonOf(run, 'Both Names')[0].error, jsonOf(run, 'Template Table Priority')[0].error]).toEqual([invalid, invalid]);
		expect(sim.rejectionReasons()).toEqual([
			`${DHC_TEMPLATE_ROUTE}: body: unknown field senderName`,
			`${DHC_TEMPLATE_ROUTE}: priority must be one of 1, 2, 3`,
		]);
	});

	it('the example workflows run against the simulator with the demo credential', async () => {
		sim.settings.requiredHeader = undefined;
		const channel = await n8n.run('cnmsgDhcSendByChannel');
		const template = await n8n.run('cnmsgDhcSendFromTemplate');
		expect([channel.status, template.status]).toEqual(['success', 'success']);
		expect(sim.rejections).toEqual([]);
		expect(jsonOf(channel, 'Send by Channel')).toEqual([{ code: 200, msg: '操作成功', msgId: sim.recordsOf(DHC_CHANNEL_ROUTE)[0].id }]);
		expect(jsonOf(template, 'Send from Template')).toEqual([{ code: 200, msg: '操作成功', msgId: sim.recordsOf(DHC_TEMPLATE_ROUTE)[0].id }]);
		expect(Object.keys(sim.recordsOf(DHC_CHANNEL_ROUTE)[0].payload.channelData as IDataObject)).toEqual(['1001', '1002', '1003']);
	});
});
