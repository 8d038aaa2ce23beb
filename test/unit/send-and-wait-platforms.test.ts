/**
 * Each platform's Send and Wait for Response: how the links reach the person (the message each
 * prepare builds, nothing sent) and which input is refused before sending.
 */
import { SEND_AND_WAIT_OPERATION } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INode, INodePropertyOptions, INodeType } from 'n8n-workflow';
import type { Resource } from '../../nodes/common/router';
import type { WaitingMessage, WaitingOperation } from '../../nodes/common/sendAndWait/execute';
import { messageButtons } from '../../nodes/common/sendAndWait/links';
import { readRequest } from '../../nodes/common/sendAndWait/request';
import { ItemFields } from '../../nodes/common/validation';
import { resources as dhc } from '../../nodes/DhcMessagePlatform/actions';
import { resources as dingTalk } from '../../nodes/DingTalk/actions';
import { resources as eazytec } from '../../nodes/EazytecZqt/actions';
import { resources as vanytech } from '../../nodes/VanytechMessageCenter/actions';
import { DhcMessagePlatform } from '../../nodes/DhcMessagePlatform/DhcMessagePlatform.node';
import { DingTalk } from '../../nodes/DingTalk/DingTalk.node';
import { EazytecZqt } from '../../nodes/EazytecZqt/EazytecZqt.node';
import { VanytechMessageCenter } from '../../nodes/VanytechMessageCenter/VanytechMessageCenter.node';

const NODE = { id: 'n', name: 'Ask', type: 't', typeVersion: 1, position: [0, 0], parameters: {} } as INode;
const links = {
	approve: 'https://n8n.example/webhook-waiting/9/n?approved=true&r=x&signature=a',
	decline: 'https://n8n.example/webhook-waiting/9/n?approved=false&r=x&signature=b',
	respond: 'https://n8n.example/webhook-waiting/9/n?r=x&signature=c',
};

function fields(params: IDataObject): ItemFields {
	const get = (name: string, _i: number, fallback?: unknown) => {
		let v: unknown = params;
		for (const part of name.split('.')) v = v && typeof v === 'object' ? (v as IDataObject)[part] : undefined;
		return v === undefined ? fallback : v;
	};
	return new ItemFields({ getNode: () => NODE, getTimezone: () => 'Asia/Shanghai', getNodeParameter: get }, 0);
}

async function prepare(op: unknown, params: IDataObject): Promise<IDataObject> {
	const f = fields({ subject: 'Leave', message: 'Approve 3 days?', responseType: 'approval', ...params });
	const request = readRequest(f);
	const message: WaitingMessage = { request, links, buttons: messageButtons(request, links) };
	const body = (await (op as WaitingOperation).prepare.call({} as IExecuteFunctions, f, message)) as { body: IDataObject };
	return body.body;
}

const double = { approvalOptions: { values: { approvalType: 'double' } } };

describe('DingTalk: an action card or an OA message', () => {
	const op = dingTalk.workNotification.operations.sendAndWait;
	const dt = { agentId: '2839445214', sendTo: 'users', userIds: 'manager4220, user123' };

	it('puts the approve and decline links on the card\'s buttons, or one button to the form', async () => {
		const card = await prepare(op, { ...dt, ...double });
		expect(card).toMatchObject({ agent_id: 2839445214, userid_list: 'manager4220,user123' });
		expect((card.msg as IDataObject).action_card).toEqual({
			title: 'Leave',
			markdown: '### Leave\n\nApprove 3 days?',
			btn_orientation: '1',
			btn_json_list: [
				{ title: 'Decline', action_url: links.decline },
				{ title: 'Approve', action_url: links.approve },
			],
		});
		const form = await prepare(op, { ...dt, responseType: 'freeText' });
		expect((form.msg as IDataObject).action_card).toMatchObject({ single_title: 'Respond', single_url: links.respond });
	});

	it('an OA message opens the response page and starts with the waiting status; more than 5 users or departments are refused', async () => {
		const oa = await prepare(op, { ...dt, messageStyle: 'oa', options: { statusPending: '待审批' } });
		expect((oa.msg as IDataObject).oa).toEqual({
			message_url: links.respond,
			pc_message_url: links.respond,
			head: { bgcolor: 'FFBBBBBB', text: 'Leave' },
			body: { title: 'Leave', content: 'Approve 3 days?' },
			status_bar: { status_value: '待审批' },
		});
		await expect(prepare(op, { ...dt, messageStyle: 'oa', sendTo: 'departments', deptIds: '1' })).rejects.toThrow('field "Message Style"');
		await expect(prepare(op, { ...dt, messageStyle: 'oa', userIds: 'a,b,c,d,e,f' })).rejects.toThrow('at most 5 users');
	});

	it('refuses a missing receiver and a message DingTalk would refuse (2048 bytes)', async () => {
		await expect(prepare(op, { ...dt, userIds: '' })).rejects.toThrow('field "User Names or IDs": is empty');
		await expect(prepare(op, { ...dt, message: '长'.repeat(700) })).rejects.toThrow('field "Message": the work notification built from Subject and Message is');
	});
});

describe('Vanytech: a todo message', () => {
	const op = vanytech.message.operations.sendAndWait;
	const v = { channels: ['Portal'], receiversInput: 'fields', receivers: { receiver: [{ userId: '12345', name: '张三' }] } };

	it('is a todo (sendMsgType 4) whose link is the response page, also in its text', async () => {
		const body = await prepare(op, v);
		expect(body).toMatchObject({
			msgtitle: 'Leave',
			msgType: '1',
			msgContent: `Approve 3 days?\n${links.respond}`,
			sendMsgType: '4',
			waitLink: links.respond,
			pcUrl: links.respond,
			sendChannel: 'Portal',
			receivers: JSON.stringify([{ type: 'User', userId: '12345', name: '张三' }]),
		});
	});

	it('refuses no receivers, and 【】 in an SMS unless converted', async () => {
		await expect(prepare(op, { ...v, receivers: {} })).rejects.toThrow('field "Receivers": needs at least one entry');
		await expect(prepare(op, { ...v, channels: ['SMS'], message: '【通知】请审批' })).rejects.toThrow('contains 【 or 】');
		expect((await prepare(op, { ...v, channels: ['SMS'], message: '【通知】', options: { convertBrackets: true } })).msgContent).toContain('〖通知〗');
	});
});

describe('DHC: a site letter (and an email)', () => {
	const op = dhc.message.operations.sendAndWait;
	const d = { siteLetterChannel: '1002', receiverType: 'specified', receiversInput: 'fields', userCodes: 'USER001' };

	it('the site letter\'s detail link is the response page; the email carries the buttons as links', async () => {
		const body = await prepare(op, { ...d, ...double, alsoEmail: true, emailChannel: '1003', options: { businessId: 'B-1' } });
		expect(body).toMatchObject({ receiverType: 'specified', receiverData: { user: ['USER001'] }, businessId: 'B-1' });
		const data = body.channelData as Record<string, IDataObject>;
		expect(data['1002']).toEqual({ title: 'Leave', content: 'Approve 3 days?', website: links.respond });
		expect(data['1003'].content).toContain(`<a href="${links.decline.replace(/&/g, '&amp;')}">Decline</a>`);
	});

	it('refuses the same code for both channels and no receivers', async () => {
		await expect(prepare(op, { ...d, alsoEmail: true, emailChannel: '1002' })).rejects.toThrow('field "Email Channel Code"');
		await expect(prepare(op, { ...d, userCodes: '' })).rejects.toThrow('field "User Codes"');
	});
});

describe('Eazytec: a message whose PC and app links are the response page', () => {
	const op = eazytec.message.operations.sendAndWait;
	const e = {
		appId: 'zqtong_gov_app_client',
		appName: '政企消息',
		senderName: '政府',
		category: '会议通知',
		level: '普通',
		fromUserId: 'u-1',
		fromUserType: 1,
		fromOrgId: 'o-1',
		receiversInput: 'fields',
		receivers: { receiver: [{ userId: 'u-2', userType: 2, orgId: 'o-2' }] },
	};

	it('sets redirect_pc and redirect_app to the response page and shows the buttons in the body', async () => {
		const body = await prepare(op, { ...e, options: { needPush: true } });
		const sendData = body.sendData as IDataObject;
		expect(sendData).toMatchObject({ title: 'Leave', needpush: 1, params: { redirect_pc: links.respond, redirect_app: links.respond, sender: '政府' } });
		expect(sendData.body).toBe(`<p>Approve 3 days?</p><p><a href="${links.approve.replace(/&/g, '&amp;')}">Approve</a></p>`);
		expect(body.to).toEqual([{ userid: 'u-2', usertype: 2, orgid: 'o-2', deptid: '' }]);
	});

	it('refuses a missing sender', async () => {
		await expect(prepare(op, { ...e, fromUserId: '' })).rejects.toThrow('field "Sender User ID"');
	});
});

describe('what n8n needs to make a Human in the Loop tool of each node', () => {
	const nodes: Array<[string, INodeType, Record<string, Resource>]> = [
		['DingTalk', new DingTalk(), dingTalk],
		['Vanytech Message Center', new VanytechMessageCenter(), vanytech],
		['DHC Message Platform', new DhcMessagePlatform(), dhc],
		['Eazytec ZQT', new EazytecZqt(), eazytec],
	];

	it.each(nodes)('%s: the sendAndWait option under a resource, the two webhooks, one `message`, and sends: true', (_name, node, resources) => {
		const d = node.description;
		const withOption = d.properties.filter(
			(p) => p.name === 'operation' && (p.options ?? []).some((o) => (o as INodePropertyOptions).value === SEND_AND_WAIT_OPERATION),
		);
		expect(withOption).toHaveLength(1);
		const resource = (withOption[0].displayOptions?.show?.resource ?? []) as string[];
		expect(resource).toHaveLength(1);
		expect((resources[resource[0]].operations[SEND_AND_WAIT_OPERATION] as WaitingOperation).sends).toBe(true);
		expect(d.webhooks?.map((w) => [w.httpMethod, w.path, w.restartWebhook, w.isFullPath])).toEqual([
			['GET', '={{ $nodeId }}', true, true],
			['POST', '={{ $nodeId }}', true, true],
		]);
		expect(typeof node.webhook).toBe('function');
		// n8n's tool drops every property named `message` and puts its own in their place.
		expect(d.properties.filter((p) => p.name === 'message').map((p) => p.displayOptions?.show?.operation)).toEqual([[SEND_AND_WAIT_OPERATION]]);
	});
});
