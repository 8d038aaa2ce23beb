import axios from 'axios';
import type { IDataObject, IExecuteFunctions, INode } from 'n8n-workflow';
import { DhcMessagePlatformApi } from '../../credentials/DhcMessagePlatformApi.credentials';
import { sendByChannel } from '../../nodes/DhcMessagePlatform/actions/message/sendByChannel.operation';
import { sendFromTemplate } from '../../nodes/DhcMessagePlatform/actions/message/sendFromTemplate.operation';
import { judgeDhc, sendResult } from '../../nodes/DhcMessagePlatform/transport';
import { dhcAuthenticate } from '../../nodes/DhcMessagePlatform/transport/auth';
import { ItemFields } from '../../nodes/common/validation';
import { createDhcSim, DHC_DEFAULT_SETTINGS, DHC_DEMO } from '../sim/dhc';
import type { DhcSim } from '../sim/dhc';

const node: INode = {
	id: 'n1',
	name: 'DHC',
	type: 'n8n-nodes-cn-messaging.dhcMessagePlatform',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

function fields(params: IDataObject, timeZone = 'Asia/Shanghai'): ItemFields {
	return new ItemFields(
		{
			getNode: () => node,
			getNodeParameter: (name: string, _i: number, fallback?: unknown) => (name in params ? params[name] : fallback),
			getTimezone: () => timeZone,
		},
		0,
	);
}

const ctx = {} as IExecuteFunctions;
const channelBody = async (params: IDataObject, tz?: string) =>
	(await sendByChannel.prepare.call(ctx, fields({ resource: 'message', operation: 'sendByChannel', ...params }, tz))).body;
const templateBody = async (params: IDataObject, tz?: string) =>
	(await sendFromTemplate.prepare.call(ctx, fields({ resource: 'message', operation: 'sendFromTemplate', ...params }, tz))).body;

const threeChannels = {
	contentInput: 'fields',
	channelContent: {
		sms: [
			{
				channelCode: '1001',
				sign: '东华医为',
				templateId: 'T100101',
				paramData: '{"code": 1001, "time": 5}',
				content: '这是我的第一条短信消息',
			},
		],
		siteLetter: [{ channelCode: '1002', title: '发工资了', content: '你好，您的工资已发，请及时查收！', website: 'http://xxxx' }],
		email: [{ channelCode: '1003', title: '邮件标题', content: '邮件内容' }],
	},
};

/** The document's example 1 without appId (the credential adds it). */
const documentExample1 = {
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
		'1002': { title: '发工资了', content: '你好，您的工资已发，请及时查收！', website: 'http://xxxx' },
		'1003': { title: '邮件标题', content: '邮件内容' },
	},
	businessId: 'xxxxxx',
	priority: '2',
	senderName: '张三',
};

describe('DHC Send by Channel: body building', () => {
	it('builds the document\'s example 1 from the fields, with the send time in China time', async () => {
		const body = await channelBody({
			...threeChannels,
			receiverType: 'specified',
			receiversInput: 'fields',
			userCodes: 'USER001, USER002',
			deptCodes: ['DEPT001', 'DEPT002'],
			postCodes: 'POST001;POST002',
			roleCodes: 'ROLE001\nROLE002',
			options: { businessId: 'xxxxxx', priority: 'medium', sender: '张三', sendAt: '2030-08-04T04:15:12.000Z' },
		});
		// The sender goes under both names by default (the tables say senderCode, the examples senderName).
		expect(body).toEqual({ ...documentExample1, senderCode: '张三', sendTime: '2030-08-04 12:15:12' });
		// appId first, then the fields in the document's order (the credential adds appId).
		expect(Object.keys(body).slice(0, 3)).toEqual(['receiverType', 'receiverData', 'channelData']);
	});

	it('takes receiverData and channelData as JSON (the document\'s example 2 verbatim)', async () => {
		const receiverData = { '1001': ['USER001', 'USER002'], '1002': ['18660886275'], '1003': ['zhaoli@126.com'] };
		const body = await channelBody({
			contentInput: 'json',
			channelDataJson: JSON.stringify(documentExample1.channelData),
			receiverType: 'custom',
			receiversInput: 'json',
			receiverDataJson: JSON.stringify(receiverData),
		});
		expect(body).toEqual({ receiverType: 'custom', receiverData, channelData: documentExample1.channelData });
	});

	it('sends no receiverData to everyone, and a site letter alone', async () => {
		const body = await channelBody({
			contentInput: 'fields',
			channelContent: { siteLetter: [{ channelCode: '001', title: '', content: '<b>Hi</b>', website: '' }] },
			receiverType: 'all',
			userCodes: 'IGNORED',
			options: { msgType: 'reminder', priority: 'high' },
		});
		expect(body).toEqual({ receiverType: 'all', channelData: { '001': { content: '<b>Hi</b>' } }, msgType: 'reminder', priority: '3' });
	});

	it('builds custom receivers from rows, and an SMS with free text only', async () => {
		const body = await channelBody({
			contentInput: 'fields',
			channelContent: { sms: [{ channelCode: '1001', sign: '', templateId: '', paramData: '{}', content: 'Hello' }] },
			receiverType: 'custom',
			receiversInput: 'fields',
			channelAccounts: { channel: [{ channelCode: '1001', accounts: '18660886275, 18660886834, 18660886275' }] },
			options: { sender: 'U01', senderField: 'senderCode', priority: 'low' },
		});
		expect(body).toEqual({
			receiverType: 'custom',
			receiverData: { '1001': ['18660886275', '18660886834'] },
			channelData: { '1001': { content: 'Hello' } },
			priority: '1',
			senderCode: 'U01',
		});
	});

	it('reads a time without a zone as China time whatever the workflow\'s time zone; zoned times are converted', async () => {
		const sent = async (sendAt: unknown, tz: string) =>
			(await channelBody({ ...threeChannels, receiverType: 'all', options: { sendAt } }, tz)).sendTime;
		for (const tz of ['America/New_York', 'Europe/London', 'Asia/Shanghai']) {
			expect(await sent('2030-01-02 09:30:00', tz)).toBe('2030-01-02 09:30:00');
			expect(await sent('2030-01-02T09:30', tz)).toBe('2030-01-02 09:30:00');
		}
		expect(await sent('2030-01-01T20:30:00-05:00', 'America/New_York')).toBe('2030-01-02 09:30:00');
		expect(await sent('2030-01-02T01:30:00Z', 'America/New_York')).toBe('2030-01-02 09:30:00');
		expect(await sent(new Date(Date.UTC(2030, 0, 2, 1, 30)), 'America/New_York')).toBe('2030-01-02 09:30:00');
	});

	it('sends the sender under one name when asked', async () => {
		const sender = async (senderField?: string) => {
			const body = await channelBody({ ...threeChannels, receiverType: 'all', options: { sender: 'U01', senderField } });
			return [body.senderCode, body.senderName];
		};
		expect(await sender()).toEqual(['U01', 'U01']);
		expect(await sender('both')).toEqual(['U01', 'U01']);
		expect(await sender('senderCode')).toEqual(['U01', undefined]);
		expect(await sender('senderName')).toEqual([undefined, 'U01']);
		await expect(sender('sender')).rejects.toThrow(/field "Sender Field Name": "sender" is not one of the allowed values/);
	});
});

describe('DHC Send by Channel: bad input is refused before sending', () => {
	const cases: Array<[string, IDataObject, RegExp]> = [
		[
			'specified receivers with no code',
			{ ...threeChannels, receiverType: 'specified', receiversInput: 'fields', userCodes: ' , ', deptCodes: '' },
			/Item 1, field "User Codes": is empty, and so are Department Codes, Post Codes and Role Codes/,
		],
		[
			'specified receivers as JSON with empty lists',
			{ ...threeChannels, receiverType: 'specified', receiversInput: 'json', receiverDataJson: '{"user":[],"role":[]}' },
			/field "Receiver Data \(JSON\)": names no user, department, post or role/,
		],
		[
			'an unknown key in specified receivers',
			{ ...threeChannels, receiverType: 'specified', receiversInput: 'json', receiverDataJson: '{"users":["A"]}' },
			/has the key "users"/,
		],
		[
			'a custom receiver for a channel with no content',
			{
				contentInput: 'fields',
				channelContent: { siteLetter: [{ channelCode: '1002', content: 'x' }] },
				receiverType: 'custom',
				receiversInput: 'fields',
				channelAccounts: { channel: [{ channelCode: '1003', accounts: 'a@b.cn' }] },
			},
			/field "Channel Accounts": channel 1003 has accounts but no content/,
		],
		[
			'a custom receiver (JSON) for a channel with no content',
			{ ...threeChannels, receiverType: 'custom', receiversInput: 'json', receiverDataJson: '{"9999":["x"]}' },
			/field "Receiver Data \(JSON\)": channel 9999 has accounts but no content/,
		],
		[
			'a custom channel without accounts',
			{ ...threeChannels, receiverType: 'custom', receiversInput: 'json', receiverDataJson: '{"1001":[]}' },
			/channel 1001 has no account/,
		],
		[
			'a malformed send time',
			{ ...threeChannels, receiverType: 'all', options: { sendAt: '2030-13-45 25:00' } },
			/field "Send At": "?2030-13-45 25:00"? is not a date and time/,
		],
		[
			'a send time in the past',
			{ ...threeChannels, receiverType: 'all', options: { sendAt: '2020-01-01 08:00:00' } },
			/field "Send At": .* is in the past/,
		],
		[
			'a site letter without content',
			{ contentInput: 'fields', channelContent: { siteLetter: [{ channelCode: '1002', title: 'T', content: ' ' }] }, receiverType: 'all' },
			/field "Site Letter 1 Content": is required but empty/,
		],
		[
			'an SMS with neither template nor text',
			{ contentInput: 'fields', channelContent: { sms: [{ channelCode: '1001', sign: 'S', templateId: '', content: '' }] }, receiverType: 'all' },
			/field "SMS 1 Text": is empty and so is Template ID/,
		],
		[
			'SMS template parameters without a template',
			{ contentInput: 'fields', channelContent: { sms: [{ channelCode: '1001', paramData: '{"a":1}', content: 'x' }] }, receiverType: 'all' },
			/field "SMS 1 Template ID": is empty, but Template Parameters are given/,
		],
		[
			'the same channel twice',
			{
				contentInput: 'fields',
				channelContent: { siteLetter: [{ channelCode: '1002', content: 'a' }], email: [{ channelCode: '1002', content: 'b' }] },
				receiverType: 'all',
			},
			/field "Email 1 Channel Code": channel 1002 is given twice/,
		],
		['no channel at all', { contentInput: 'fields', channelContent: {}, receiverType: 'all' }, /field "Channel Content": gives no channel/],
		[
			'channel JSON that does not parse',
			{ contentInput: 'json', channelDataJson: '{"1002": {', receiverType: 'all' },
			/field "Channel Data \(JSON\)": is not valid JSON/,
		],
		[
			'channel JSON with an unknown key',
			{ contentInput: 'json', channelDataJson: '{"1002": {"content": "x", "link": "y"}}', receiverType: 'all' },
			/channel 1002 has the key "link"/,
		],
		[
			'channel JSON with a channel without content',
			{ contentInput: 'json', channelDataJson: '{"1003": {"title": "x"}}', receiverType: 'all' },
			/channel 1003 has no content/,
		],
		[
			'a template without templateId in channel JSON',
			{ contentInput: 'json', channelDataJson: '{"1001": {"templateData": {"paramData": {}}}}', receiverType: 'all' },
			/channel 1001 templateData needs a templateId/,
		],
		[
			'an unknown priority',
			{ ...threeChannels, receiverType: 'all', options: { priority: 'urgent' } },
			/field "Priority": "urgent" is not High, Medium or Low/,
		],
		[
			'an unknown receiver type',
			{ ...threeChannels, receiverType: 'everyone' },
			/field "Receiver Type": "?everyone"? is not one of the allowed values/,
		],
	];
	it.each(cases)('%s', async (_name, params, message) => {
		await expect(channelBody(params)).rejects.toThrow(message);
	});
});

describe('DHC Send from Template: body building', () => {
	it('builds the document\'s template example from fields', async () => {
		const body = await templateBody({
			templateCode: 'MSG1001',
			variablesInput: 'fields',
			variables: { variable: [{ name: 'code', value: 'Meidcal1001' }, { name: 'name', value: '患者001' }] },
			receiverType: 'specified',
			receiversInput: 'json',
			receiverDataJson: { user: ['USER001'], dept: ['DEPT001'] },
			options: { businessId: 'xxxxxx', priority: '2', sender: '张三', senderField: 'senderName' },
		});
		expect(body).toEqual({
			receiverType: 'specified',
			receiverData: { user: ['USER001'], dept: ['DEPT001'] },
			templateCode: 'MSG1001',
			channelParamData: { code: 'Meidcal1001', name: '患者001' },
			businessId: 'xxxxxx',
			priority: '2',
			senderName: '张三',
		});
	});

	it('sends the template table\'s raw priority 0, 1 or 2, none by default, or the 3-2-1 scale when asked', async () => {
		const base = { templateCode: 'T', variablesInput: 'json', variablesJson: '{"a": 1}', receiverType: 'all' };
		const p = async (options: IDataObject) => (await templateBody({ ...base, options })).priority;
		expect(await p({})).toBeUndefined();
		for (const v of ['0', '1', '2', 0, 2]) expect(await p({ priority: v })).toBe(String(v));
		for (const bad of ['3', 'high', 'medium', -1]) {
			await expect(p({ priority: bad })).rejects.toThrow(/field "Priority": .* is not one of the template table's values 0, 1, 2/);
		}
		const high = await p({ priority: 'high' }).catch((e: { description?: string }) => e);
		expect((high as { description?: string }).description).toMatch(/use the option Priority \(3-2-1 Scale\)/);
		expect(await p({ channelScalePriority: 'high' })).toBe('3');
		expect(await p({ channelScalePriority: 'low' })).toBe('1');
		expect(await p({ channelScalePriority: '2' })).toBe('2');
		await expect(p({ channelScalePriority: '0' })).rejects.toThrow(/field "Priority \(3-2-1 Scale\)": "0" is not High, Medium or Low/);
		await expect(p({ priority: '1', channelScalePriority: 'high' })).rejects.toThrow(/is given together with Priority \(3-2-1 Scale\)/);
	});

	it('sends custom receivers for any channel code (the template decides the channels), and no msgType', async () => {
		const body = await templateBody({
			templateCode: 'MSG1001',
			variablesInput: 'json',
			variablesJson: '{"code": "c", "name": "n"}',
			receiverType: 'custom',
			receiversInput: 'fields',
			channelAccounts: { channel: [{ channelCode: '1003', accounts: 'a@b.cn' }] },
			options: { msgType: 'notice' },
		});
		expect(body).toEqual({
			receiverType: 'custom',
			receiverData: { '1003': ['a@b.cn'] },
			templateCode: 'MSG1001',
			channelParamData: { code: 'c', name: 'n' },
		});
	});

	const bad: Array<[string, IDataObject, RegExp]> = [
		['no template code', { templateCode: ' ', variablesInput: 'json', variablesJson: '{}', receiverType: 'all' }, /field "Template Code": is required/],
		[
			'a variable that is an object',
			{ templateCode: 'T', variablesInput: 'json', variablesJson: '{"a": {"b": 1}}', receiverType: 'all' },
			/field "Variables \(JSON\)": the value of "a" must be text or a number/,
		],
		[
			'a variable given twice',
			{ templateCode: 'T', variables: { variable: [{ name: 'a', value: '1' }, { name: 'a', value: '2' }] }, receiverType: 'all' },
			/field "Variables row 2 Name": "a" is given twice/,
		],
		[
			'specified receivers with no code',
			{ templateCode: 'T', variablesInput: 'json', variablesJson: '{}', receiverType: 'specified', receiversInput: 'fields' },
			/field "User Codes": is empty/,
		],
		[
			'a malformed send time',
			{ templateCode: 'T', variablesInput: 'json', variablesJson: '{}', receiverType: 'all', options: { sendAt: 'next week' } },
			/field "Send At": "?next week"? is not a date and time/,
		],
	];
	it.each(bad)('refuses %s', async (_name, params, message) => {
		await expect(templateBody(params)).rejects.toThrow(message);
	});
});

describe('DHC answers', () => {
	const judge = (statusCode: number, body: unknown) => judgeDhc({ statusCode, body, headers: {} });
	it('accepts code 200 as a number or a string, whatever the HTTP status says', () => {
		expect(judge(200, { code: 200, msg: '操作成功', msgId: 'x' })).toEqual({ ok: true });
		expect(judge(200, { code: '200', msg: '操作成功' })).toEqual({ ok: true });
	});
	it('explains parameter errors (400, or 404 with 参数有误), 401, 404 and 500, and never asks for a resend', () => {
		expect(judge(404, { code: 404, msg: '参数有误' })).toMatchObject({ ok: false, kind: 'error', code: '404', meaning: 'Invalid parameters' });
		expect(judge(200, { code: '400', msg: '参数有误' })).toMatchObject({ kind: 'error', code: '400', meaning: 'Invalid parameters' });
		expect(judge(401, { code: 401, msg: '身份验证失败' })).toMatchObject({ kind: 'error', code: '401', text: '身份验证失败' });
		expect(judge(500, { code: 500, msg: '服务器内部错误。' })).toMatchObject({ kind: 'error', code: '500' });
		expect(judge(404, { code: 404, msg: '服务器无法取得所请求的网页' })).toMatchObject({ kind: 'error', code: '404' });
		expect(judge(404, { code: 404, msg: '服务器无法取得所请求的网页' })).not.toHaveProperty('meaning');
	});
	it('reports an answer that is not the platform\'s as a Base URL problem', () => {
		expect(judge(404, '<html>Not Found</html>')).toMatchObject({ kind: 'error', code: 'HTTP 404', meaning: 'No DHC message interface at this address' });
		expect(judge(200, '<html>login</html>')).toMatchObject({ kind: 'error', code: 'HTTP 200' });
		expect(judge(403, { message: 'denied' })).toMatchObject({ kind: 'error', code: 'HTTP 403' });
	});
});

describe('DHC send output', () => {
	it('keeps the platform\'s code, msg and msgId (when given), nothing else', () => {
		expect(sendResult({ code: 200, msg: '操作成功', msgId: 'm1', data: { x: 1 } })).toEqual({ code: 200, msg: '操作成功', msgId: 'm1' });
		expect(sendResult({ code: '200', msg: '操作成功' })).toEqual({ code: '200', msg: '操作成功' });
	});
});

describe('DHC credential authenticate', () => {
	it('adds appId first (overriding any in the body), the Base URL, the gateway header and the SSL switch', () => {
		const out = dhcAuthenticate(
			{ baseUrl: ' https://10.0.0.1:8443/msg/ ', appId: 'APP1', headerName: 'X-Gw-Key', headerSecret: 'gw-secret', ignoreSslIssues: true },
			{ url: '/api/openApi/message/push/channel', method: 'POST', body: { receiverType: 'all', appId: 'forged' }, headers: { A: 'b' } },
		);
		expect(out.baseURL).toBe('https://10.0.0.1:8443/msg');
		expect(out.body).toEqual({ appId: 'APP1', receiverType: 'all' });
		expect(Object.keys(out.body as object)[0]).toBe('appId');
		expect(out.headers).toEqual({ A: 'b', 'X-Gw-Key': 'gw-secret' });
		expect(out.skipSslCertificateValidation).toBe(true);
	});
	it('adds no header and keeps certificate checks by default', () => {
		const out = dhcAuthenticate({ baseUrl: 'http://h:8080', appId: 'A', headerName: '', ignoreSslIssues: false }, { url: '/x', body: {} });
		expect(out.headers).toEqual({});
		expect(out.skipSslCertificateValidation).toBeUndefined();
	});
	it('refuses a Base URL that is not http(s) and a header name that is not one', () => {
		expect(() => dhcAuthenticate({ baseUrl: '10.0.0.1:8080', appId: 'A' }, { url: '/x' })).toThrow(/must start with http:\/\/ or https:\/\//);
		expect(() => dhcAuthenticate({ baseUrl: 'http://h', appId: 'A', headerName: 'X Key' }, { url: '/x' })).toThrow(/not a valid HTTP header name/);
	});
});

describe('DHC bodies are accepted by the strict simulator', () => {
	let sim: DhcSim;
	let url: string;
	beforeAll(async () => {
		sim = createDhcSim();
		url = await sim.start();
	});
	afterAll(async () => sim.stop());

	const post = async (path: string, body: IDataObject) => {
		const r = await axios.post(`${url}${path}`, { appId: DHC_DEMO.appId, ...body }, { validateStatus: () => true });
		return { data: r.data, reason: r.headers['x-sim-reason'] };
	};

	it('accepts every form the node builds', async () => {
		const bodies = [
			await channelBody({
				...threeChannels,
				receiverType: 'specified',
				receiversInput: 'fields',
				userCodes: 'USER001',
				options: { businessId: 'B1', msgType: 'notice', priority: 'high', sender: '张三', sendAt: '2030-01-01 08:00:00' },
			}),
			await channelBody({ ...threeChannels, receiverType: 'all' }),
			await channelBody({
				...threeChannels,
				receiverType: 'custom',
				receiversInput: 'fields',
				channelAccounts: { channel: [{ channelCode: '1001', accounts: '18660886275' }, { channelCode: '1003', accounts: 'a@b.cn' }] },
			}),
		];
		for (const body of bodies) {
			const r = await post('/api/openApi/message/push/channel', body);
			expect([r.data.code, r.reason]).toEqual([200, undefined]);
		}
		const template = await templateBody({
			templateCode: DHC_DEMO.template.code,
			variablesInput: 'fields',
			variables: { variable: [{ name: 'code', value: 'C1' }, { name: 'name', value: 'N1' }] },
			receiverType: 'custom',
			receiversInput: 'json',
			receiverDataJson: '{"1002": ["USER001"]}',
			options: { priority: '0', sender: '张三', sendAt: '2030-01-01 08:00:00' },
		});
		const r = await post('/api/openApi/message/push/template', template);
		expect([r.data.code, r.reason]).toEqual([200, undefined]);
		expect(sim.records).toHaveLength(4);
	});
});

/**
 * The credential test as n8n's credentials tester runs it: the test request, made through the
 * credential's authenticate, with HTTP errors ignored, then the responseSuccessBody rules
 * (lodash-get key === value) decide.
 */
describe('DHC credential test against the simulator', () => {
	let sim: DhcSim;
	let url: string;
	beforeAll(async () => {
		sim = createDhcSim();
		url = await sim.start();
	});
	afterAll(async () => sim.stop());
	beforeEach(() => {
		sim.clear();
		Object.assign(sim.settings, DHC_DEFAULT_SETTINGS);
	});

	const credentialTest = async (data: IDataObject) => {
		const type = new DhcMessagePlatformApi();
		const request = { ...type.test.request, baseURL: undefined, body: {} };
		expect(request.ignoreHttpStatusErrors).toBe(true);
		const options = dhcAuthenticate(data as never, request as never);
		const r = await axios.request({
			method: options.method,
			baseURL: options.baseURL,
			url: options.url,
			data: options.body,
			headers: options.headers as Record<string, string>,
			validateStatus: () => true,
		});
		for (const rule of type.test.rules ?? []) {
			if (rule.type !== 'responseSuccessBody') continue;
			const { key, value, message } = rule.properties as { key: string; value: unknown; message: string };
			if ((r.data as IDataObject)?.[key] === value) return { status: 'Error', message };
		}
		return { status: 'OK', answer: r.data };
	};

	it('passes for a known App ID: the platform answers a parameter error and sends nothing', async () => {
		const result = await credentialTest({ baseUrl: url, appId: DHC_DEMO.appId });
		expect(result).toEqual({ status: 'OK', answer: { code: 404, msg: '参数有误' } });
		expect(sim.records).toHaveLength(0);
		expect(sim.rejectionReasons()).toEqual(['POST /api/openApi/message/push/channel: receiverType is required']);
	});

	it('fails clearly for an unknown App ID (401), with the code as a number or a string', async () => {
		const expected = { status: 'Error', message: expect.stringMatching(/^Authentication failed \(401 身份验证失败\): the platform does not know this App ID/) };
		expect(await credentialTest({ baseUrl: url, appId: 'nope' })).toEqual(expected);
		sim.settings.codeType = 'string';
		sim.settings.httpStatus = 'always200';
		expect(await credentialTest({ baseUrl: url, appId: 'nope' })).toEqual(expected);
	});

	it('fails for a missing gateway header and for a Base URL that leads elsewhere', async () => {
		sim.settings.requiredHeader = { name: 'X-Key', value: 'k1' };
		expect((await credentialTest({ baseUrl: url, appId: DHC_DEMO.appId })).status).toBe('Error');
		expect((await credentialTest({ baseUrl: url, appId: DHC_DEMO.appId, headerName: 'X-Key', headerSecret: 'k1' })).status).toBe('OK');
		expect(await credentialTest({ baseUrl: `${url}/wrong`, appId: DHC_DEMO.appId, headerName: 'X-Key', headerSecret: 'k1' })).toEqual({
			status: 'Error',
			message: expect.stringContaining('check the Base URL'),
		});
		expect(sim.records).toHaveLength(0);
	});
});
