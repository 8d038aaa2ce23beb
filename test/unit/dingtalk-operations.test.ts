import type { IDataObject, IExecuteFunctions, INode } from 'n8n-workflow';
import type { Operation } from '../../nodes/common/run';
import { ItemFields } from '../../nodes/common/validation';
import { resources } from '../../nodes/DingTalk/actions';
import { paceOf as runOptions } from '../../nodes/DingTalk/transport';
import { MSG_MAX_BYTES, msgProblem } from '../../nodes/DingTalk/actions/workNotification/msg';
import { resultPerUser } from '../../nodes/DingTalk/actions/workNotification/getResult.operation';

const node: INode = {
	id: 'n1',
	name: 'DingTalk',
	type: 'n8n-nodes-cn-messaging.dingTalk',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

function fields(params: IDataObject): ItemFields {
	const ctx = {
		getNode: () => node,
		getTimezone: () => 'Asia/Shanghai',
		getNodeParameter: (name: string, _i: number, fallback?: unknown) => {
			let v: unknown = params;
			for (const part of name.split('.')) v = v && typeof v === 'object' ? (v as IDataObject)[part] : undefined;
			return v === undefined ? fallback : v;
		},
	};
	return new ItemFields(ctx, 0);
}

const INTERNAL = { appType: 'internal', appKey: 'dingdemo7x3kq9appkey' };
const THIRD_PARTY = { appType: 'thirdParty', suiteKey: 'suite1', authCorpId: 'ding1' };

async function prepare(resource: string, operation: string, params: IDataObject, credentials: IDataObject = INTERNAL): Promise<IDataObject> {
	const op = resources[resource as keyof typeof resources].operations[operation] as Operation;
	const ctx = { getCredentials: async () => credentials } as unknown as IExecuteFunctions;
	return (await op.prepare.call(ctx, fields(params))) as IDataObject;
}

const template = (params: IDataObject, credentials: IDataObject = THIRD_PARTY) => prepare('workNotification', 'sendFromTemplate', params, credentials);

const work = (params: IDataObject) => prepare('workNotification', 'send', { agentId: '2839445214', sendTo: 'users', userIds: 'manager4220', messageInput: 'fields', ...params });

describe('DingTalk work notification msg checks (msgProblem)', () => {
	it('accepts every documented message type in its documented shape', () => {
		const good: IDataObject[] = [
			{ msgtype: 'text', text: { content: '请提交日报。' } },
			{ msgtype: 'image', image: { media_id: '@lADOADmaWMzazQKA' } },
			{ msgtype: 'voice', voice: { media_id: '@lADOADmaWMzazQKA', duration: '10' } },
			{ msgtype: 'file', file: { media_id: '@lAzPDe7s0Z6ZNe3OHYeOIA' } },
			{ msgtype: 'link', link: { messageUrl: 'http://s.dingtalk.com/market/dingtalk/error_code.php', picUrl: '@lALOACZwe2Rk', title: '测试', text: '测试' } },
			{ msgtype: 'markdown', markdown: { title: '首屏会话透出的展示内容', text: '# 这是支持markdown的文本' } },
			{
				msgtype: 'oa',
				oa: {
					message_url: 'http://dingtalk.com',
					head: { bgcolor: 'FFBBBBBB', text: '头部标题' },
					status_bar: { status_value: '进行中', status_bg: '0xFFF65E5E' },
					body: { title: '正文标题', form: [{ key: '姓名:', value: '张三' }], rich: { num: '15.6', unit: '元' }, content: '大段文本', file_count: '3', author: '李四 ' },
				},
			},
			{ msgtype: 'action_card', action_card: { title: '是透出到会话列表和通知的文案', markdown: '支持markdown格式的正文内容', single_title: '查看详情', single_url: 'https://open.dingtalk.com' } },
			{
				msgtype: 'action_card',
				action_card: { markdown: 'm', btn_orientation: '1', btn_json_list: [{ title: '一个按钮', action_url: 'https://www.taobao.com' }] },
			},
		];
		for (const msg of good) expect([msg.msgtype, msgProblem(msg)]).toEqual([msg.msgtype, undefined]);
	});

	it('refuses what DingTalk refuses, naming the part', () => {
		expect(msgProblem({ msgtype: 'sms', sms: { content: 'x' } })).toContain('unknown message type "sms"');
		expect(msgProblem({ text: { content: 'x' } })).toContain('no "msgtype"');
		expect(msgProblem({ msgtype: 'text', text: { content: 'x' }, markdown: { title: 't', text: 't' } })).toContain('one message type at a time');
		expect(msgProblem({ msgtype: 'text', text: {} })).toContain('"text.content"');
		expect(msgProblem({ msgtype: 'voice', voice: { media_id: 'm', duration: '60' } })).toContain('1 to 59');
		expect(msgProblem({ msgtype: 'link', link: { messageUrl: 'u', title: 't', text: 't' } })).toContain('"link.picUrl"');
		expect(msgProblem({ msgtype: 'oa', oa: { message_url: 'u', head: { bgcolor: '0xFFBBBBBB', text: 't' }, body: {} } })).toContain('8 hexadecimal digits');
		expect(msgProblem({ msgtype: 'oa', oa: { message_url: 'u', head: { bgcolor: 'FFBBBBBB', text: 't' } } })).toContain('"oa.body"');
		expect(msgProblem({ msgtype: 'action_card', action_card: { markdown: 'm' } })).toContain('needs either');
		expect(
			msgProblem({ msgtype: 'action_card', action_card: { markdown: 'm', single_title: 't', single_url: 'u', btn_orientation: '0', btn_json_list: [] } }),
		).toContain('choose one');
		expect(msgProblem({ msgtype: 'action_card', action_card: { markdown: 'm', btn_orientation: '2', btn_json_list: [{ title: 'a', action_url: 'b' }] } })).toContain(
			'btn_orientation',
		);
		expect(msgProblem({ msgtype: 'action_card', action_card: { markdown: 'm', single_title: '标题'.repeat(11), single_url: 'u' } })).toContain('at most 20');
		expect(msgProblem({ msgtype: 'markdown', markdown: { title: 't', text: 'x'.repeat(5001) } })).toMatch(/bytes|5000/);
		expect(msgProblem({ msgtype: 'text', text: { content: '中'.repeat(700) } })).toContain(`at most ${MSG_MAX_BYTES}`);
		expect(msgProblem('{"msgtype":"text"}')).toContain('JSON object');
	});
});

describe('DingTalk Work Notification > Send: prepare (builds msg, sends nothing)', () => {
	it('builds each message type from fields', async () => {
		expect(await work({ messageType: 'text', textContent: 'Hello' })).toEqual({
			body: { agent_id: 2839445214, userid_list: 'manager4220', msg: { msgtype: 'text', text: { content: 'Hello' } } },
		});
		const link = await work({ messageType: 'link', linkMessageUrl: 'https://a.cn', linkPicUrl: '@lALOACZwe2Rk', linkTitle: 'T', linkText: 'X' });
		expect((link.body as IDataObject).msg).toEqual({ msgtype: 'link', link: { messageUrl: 'https://a.cn', picUrl: '@lALOACZwe2Rk', title: 'T', text: 'X' } });
		const md = await work({ messageType: 'markdown', markdownTitle: 'T', markdownText: '# H' });
		expect((md.body as IDataObject).msg).toEqual({ msgtype: 'markdown', markdown: { title: 'T', text: '# H' } });
		const oa = await work({
			messageType: 'oa',
			oaMessageUrl: 'https://oa.cn/1',
			oaHeadText: 'Head',
			oaHeadBg: 'FFBBBBBB',
			oaBody: { title: 'Leave', form: { field: [{ key: 'Name:', value: 'Zhang' }] }, richNum: '3', richUnit: 'days', fileCount: 2 },
			oaOptions: { statusValue: '待审批', statusBg: '0xFFF65E5E' },
		});
		expect((oa.body as IDataObject).msg).toEqual({
			msgtype: 'oa',
			oa: {
				message_url: 'https://oa.cn/1',
				head: { bgcolor: 'FFBBBBBB', text: 'Head' },
				status_bar: { status_value: '待审批', status_bg: '0xFFF65E5E' },
				body: { title: 'Leave', file_count: '2', form: [{ key: 'Name:', value: 'Zhang' }], rich: { num: '3', unit: 'days' } },
			},
		});
		const bare = await work({ messageType: 'oa', oaMessageUrl: 'https://oa.cn/1', oaHeadText: 'Head', oaHeadBg: 'FFBBBBBB' });
		expect(((bare.body as IDataObject).msg as IDataObject).oa).toEqual({ message_url: 'https://oa.cn/1', head: { bgcolor: 'FFBBBBBB', text: 'Head' }, body: {} });
		const card = await work({
			messageType: 'action_card',
			cardTitle: 'T',
			cardMarkdown: 'M',
			cardStyle: 'buttons',
			cardButtonOrientation: '1',
			cardButtons: { button: [{ title: 'Yes', actionUrl: 'https://y' }, { title: 'No', actionUrl: 'https://n' }] },
		});
		expect((card.body as IDataObject).msg).toEqual({
			msgtype: 'action_card',
			action_card: { title: 'T', markdown: 'M', btn_orientation: '1', btn_json_list: [{ title: 'Yes', action_url: 'https://y' }, { title: 'No', action_url: 'https://n' }] },
		});
		const voice = await work({ messageType: 'voice', mediaId: '@m', voiceDuration: 12 });
		expect((voice.body as IDataObject).msg).toEqual({ msgtype: 'voice', voice: { media_id: '@m', duration: '12' } });
	});

	it('sends receivers as DingTalk\'s comma-separated strings, or to_all_user', async () => {
		const both = await work({ sendTo: 'usersAndDepartments', userIds: ['a', 'b', 'a'], deptIds: '1, 421897262', messageType: 'text', textContent: 'x' });
		expect(both.body).toMatchObject({ userid_list: 'a,b', dept_id_list: '1,421897262' });
		const all = await work({ sendTo: 'everyone', messageType: 'text', textContent: 'x' });
		expect(all.body).toMatchObject({ to_all_user: true });
		expect(all.body).not.toHaveProperty('userid_list');
	});

	it('refuses bad input, naming the item and the field', async () => {
		await expect(work({ userIds: '', messageType: 'text', textContent: 'x' })).rejects.toThrow('Item 1, field "User Names or IDs": is empty');
		await expect(work({ userIds: ' , ', messageType: 'text', textContent: 'x' })).rejects.toThrow('field "User Names or IDs"');
		await expect(work({ messageType: 'sms', textContent: 'x' })).rejects.toThrow(/field "Message Type": "?sms"? is not one of/);
		await expect(work({ messageInput: 'json', msgJson: '{"msgtype":"sms","sms":{}}' })).rejects.toThrow('field "Message (JSON)": has the unknown message type "sms"');
		await expect(work({ messageInput: 'json', msgJson: '{"msgtype":"text",' })).rejects.toThrow('field "Message (JSON)": is not valid JSON');
		await expect(work({ messageType: 'text', textContent: '' })).rejects.toThrow('field "Content": is required');
		await expect(work({ agentId: 'abc', messageType: 'text', textContent: 'x' })).rejects.toThrow('field "Agent ID"');
		await expect(work({ userIds: Array.from({ length: 101 }, (_, k) => `u${k}`), messageType: 'text', textContent: 'x' })).rejects.toThrow('at most 100');
		await expect(work({ sendTo: 'departments', deptIds: 'sales', messageType: 'text', textContent: 'x' })).rejects.toThrow('not a department ID');
		await expect(work({ messageType: 'oa', oaMessageUrl: 'u', oaHeadText: 'h', oaHeadBg: '#BBBBBB' })).rejects.toThrow('Head Background (ARGB)');
		await expect(
			work({ userIds: 'a,b,c,d,e,f', messageType: 'oa', oaMessageUrl: 'u', oaHeadText: 'h', oaHeadBg: 'FFBBBBBB', oaOptions: { statusValue: 's' } }),
		).rejects.toThrow('at most 5 users');
		await expect(work({ messageType: 'action_card', cardMarkdown: 'm', cardStyle: 'buttons', cardButtonOrientation: '0', cardButtons: {} })).rejects.toThrow(
			'field "Buttons": needs at least one button',
		);
	});

	it('passes a JSON msg through after checking it', async () => {
		const r = await work({ messageInput: 'json', msgJson: { msgtype: 'markdown', markdown: { title: 't', text: 'x' } } });
		expect((r.body as IDataObject).msg).toEqual({ msgtype: 'markdown', markdown: { title: 't', text: 'x' } });
	});
});

describe('DingTalk other work notification operations: prepare', () => {
	it('Send From Template sends data as JSON text with text values, and has no "everyone"', async () => {
		const r = await template({
			agentId: 1,
			templateId: 'tpl',
			sendTo: 'users',
			userIds: 'u1',
			variablesInput: 'json',
			variablesJson: '{"name":"淘宝6","count":3}',
		});
		expect(r.body).toEqual({ agent_id: 1, template_id: 'tpl', userid_list: 'u1', data: '{"name":"淘宝6","count":"3"}' });
		await expect(template({ agentId: 1, templateId: 'tpl', sendTo: 'everyone' })).rejects.toThrow('field "Send To"');
		await expect(
			template({ agentId: 1, templateId: 'tpl', sendTo: 'users', userIds: 'u', variablesInput: 'json', variablesJson: '{"a":{"b":1}}' }),
		).rejects.toThrow('not text');
	});

	it('Send From Template takes variables row by row, values as text; its receivers follow sendbytemplate', async () => {
		const base = { agentId: 1, templateId: 'tpl', sendTo: 'users', userIds: 'u1' };
		const rows = await template({
			...base,
			variablesInput: 'fields',
			variables: { variable: [{ name: 'name', value: '淘宝6' }, { name: 'count', value: 3 }] },
		});
		expect(rows.body).toEqual({ agent_id: 1, template_id: 'tpl', userid_list: 'u1', data: '{"name":"淘宝6","count":"3"}' });
		const none = await template(base);
		expect(none.body).not.toHaveProperty('data');
		await expect(
			template({ ...base, variables: { variable: [{ name: '', value: 'x' }] } }),
		).rejects.toThrow('field "Variables row 1 Name": is required');
		const many = Array.from({ length: 101 }, (_, k) => `u${k}`);
		expect(((await template({ ...base, userIds: many })).body as IDataObject).userid_list).toBe(many.join(','));
		const thousand = Array.from({ length: 1001 }, (_, k) => `u${k}`);
		await expect(template({ ...base, userIds: thousand })).rejects.toThrow('at most 1000');
		expect(((await template({ ...base, userIds: thousand, options: { maxUsers: 5000 } })).body as IDataObject).userid_list).toBe(thousand.join(','));
		await expect(template({ ...base, userIds: thousand, options: { maxUsers: 5001 } })).rejects.toThrow('field "Max Users per Call"');
		await expect(work({ userIds: many, messageType: 'text', textContent: 'x' })).rejects.toThrow('at most 100');
		const sendTo = (operation: string) =>
			((resources.workNotification.operations[operation].description.find((p) => p.name === 'sendTo')?.options ?? []) as Array<{ value: string }>).map((o) => o.value);
		expect(sendTo('send')).toContain('everyone');
		expect(sendTo('sendFromTemplate')).not.toContain('everyone');
	});

	it('Send From Template is refused before sending with an internal app credential, naming the credential', async () => {
		await expect(template({ agentId: 1, templateId: 'tpl', sendTo: 'users', userIds: 'u1' }, INTERNAL)).rejects.toThrow(
			'Item 1, field "Credential": Send From Template needs a DingTalk API credential with App Type "Third-Party Enterprise App"',
		);
	});

	it('Get Progress, Get Result and Recall read the same agent and task IDs', async () => {
		for (const operation of ['getProgress', 'getResult', 'recall']) {
			expect(await prepare('workNotification', operation, { agentId: '2839445214', taskId: 256271667526, output: 'lists' })).toMatchObject({
				agentId: 2839445214,
				taskId: 256271667526,
			});
			await expect(prepare('workNotification', operation, { agentId: '2839445214', taskId: '', output: 'lists' })).rejects.toThrow('field "Task ID"');
		}
	});

	it('status bar colour and task ids are checked', async () => {
		await expect(prepare('workNotification', 'updateStatusBar', { agentId: 1, taskId: 'x', statusValue: 'ok' })).rejects.toThrow('field "Task ID"');
		await expect(prepare('workNotification', 'updateStatusBar', { agentId: 1, taskId: 5, statusValue: 'ok', options: { statusBg: 'FF78C06E' } })).rejects.toThrow(
			'field "Status Color"',
		);
		expect(await prepare('workNotification', 'updateStatusBar', { agentId: 1, taskId: '256271667526', statusValue: '已同意', options: { statusBg: '0xFF78C06E' } })).toEqual({
			body: { agent_id: 1, task_id: 256271667526, status_value: '已同意', status_bg: '0xFF78C06E' },
		});
	});
});

describe('DingTalk Interop Message > Send: prepare', () => {
	const base = { sender: '1001@domain', cid: '1011@domain:@domain$1@G', conversationType: 1, messageId: '321443', contentInput: 'fields' };

	it('nests every part inside crossdomain_message_send_model, content as JSON text, a fresh uuid', async () => {
		const r = await prepare('interopMessage', 'send', { ...base, contentType: 1, text: 'test', receivers: 'uid1, uid2', muteNotification: true });
		const model = r.model as IDataObject;
		expect(model).toEqual({
			sender: '1001@domain',
			message_id: '321443',
			send_message_model: { conversation_type: 1, uuid: expect.stringMatching(/^[0-9a-f-]{36}$/), content_type: 1, content: '{"content":"test"}', cid: '1011@domain:@domain$1@G' },
			new_conversation_notification_off: true,
			message_receiver_scope_model: { actual_receivers: ['uid1', 'uid2'] },
		});
		const other = await prepare('interopMessage', 'send', { ...base, contentType: 1, text: 'test' });
		expect((other.model as IDataObject).send_message_model).not.toEqual(model.send_message_model);
		expect(other.model).not.toHaveProperty('message_receiver_scope_model');
		const fixed = await prepare('interopMessage', 'send', { ...base, contentType: 1, text: 'test', options: { uuid: 'fdsfdfd' } });
		expect(((fixed.model as IDataObject).send_message_model as IDataObject).uuid).toBe('fdsfdfd');
	});

	it('takes the mute flag only as yes or no, and the model as an object or (option) JSON text', async () => {
		const mute = async (muteNotification: string | number | boolean) =>
			((await prepare('interopMessage', 'send', { ...base, contentType: 1, text: 't', muteNotification })).model as IDataObject).new_conversation_notification_off;
		expect(await mute(true)).toBe(true);
		expect(await mute('true')).toBe(true);
		expect(await mute('false')).toBe(false);
		expect(await mute(0)).toBe(false);
		await expect(mute('maybe')).rejects.toThrow('field "Mute New Conversation Notification": "maybe" is not yes or no');
		expect((await prepare('interopMessage', 'send', { ...base, contentType: 1, text: 't' })).asText).toBe(false);
		expect((await prepare('interopMessage', 'send', { ...base, contentType: 1, text: 't', options: { modelEncoding: 'text' } })).asText).toBe(true);
	});

	it('builds a card from fields or JSON and refuses malformed card JSON', async () => {
		const card = await prepare('interopMessage', 'send', { ...base, contentType: 2, cardFields: { field: [{ key: 'title', value: 'Hi' }] } });
		expect(((card.model as IDataObject).send_message_model as IDataObject).content).toBe('{"title":"Hi"}');
		const json = await prepare('interopMessage', 'send', { ...base, contentType: 2, contentInput: 'json', contentJson: '{"title":"Hi","n":1}' });
		expect(((json.model as IDataObject).send_message_model as IDataObject).content).toBe('{"title":"Hi","n":1}');
		await expect(prepare('interopMessage', 'send', { ...base, contentType: 2, contentInput: 'json', contentJson: '{"title":' })).rejects.toThrow(
			'Item 1, field "Content (JSON)": is not valid JSON',
		);
		await expect(prepare('interopMessage', 'send', { ...base, contentType: 2, cardFields: {} })).rejects.toThrow('field "Card Fields"');
		await expect(prepare('interopMessage', 'send', { ...base, sender: '', contentType: 1, text: 't' })).rejects.toThrow('field "Sender"');
	});
});

describe('DingTalk Get Result per user', () => {
	it('gives one item per receiver with its status and the forbidden reason', () => {
		const items = resultPerUser(7, {
			read_user_id_list: ['a'],
			unread_user_id_list: ['b'],
			failed_user_id_list: ['c'],
			forbidden_list: [{ code: '143106', count: 1, userid: 'd' }],
			forbidden_user_id_list: ['d'],
			invalid_user_id_list: ['e'],
			invalid_dept_id_list: [99],
		});
		expect(items).toEqual([
			{ task_id: 7, userid: 'a', status: 'read' },
			{ task_id: 7, userid: 'b', status: 'unread' },
			{ task_id: 7, userid: 'c', status: 'failed' },
			{ task_id: 7, userid: 'd', status: 'forbidden', forbiddenCode: '143106', reason: 'the same content was already sent to this user today', count: 1 },
			{ task_id: 7, userid: 'e', status: 'invalid', reason: 'no such user' },
			{ task_id: 7, dept_id: '99', status: 'invalid department', reason: 'no such department' },
		]);
	});
});

describe('DingTalk run options', () => {
	it('runs at the Requests Per Second the user set (default 20) with as many requests in flight', () => {
		const ctx = (rate?: number) =>
			({ getNodeParameter: (_n: string, _i: number, fb: unknown) => (rate === undefined ? fb : rate) }) as unknown as IExecuteFunctions;
		expect(runOptions(ctx())).toEqual({ ratePerSecond: 20, concurrency: 20 });
		expect(runOptions(ctx(5))).toEqual({ ratePerSecond: 5, concurrency: 5 });
	});
});
