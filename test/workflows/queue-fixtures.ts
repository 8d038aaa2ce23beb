/** Workflows and a webhook burst for the queue-mode test and benchmark. */
import type { IDataObject } from 'n8n-workflow';
import { DINGTALK_DEMO } from '../sim/dingtalk';
import { VANYTECH_DEMO } from '../sim/vanytech';
import { PACKAGE } from './harness';

/** Webhook (answers when the execution ends) -> Split Out (body.items) -> the send. */
export function webhookWorkflow(id: string, path: string, send: IDataObject): IDataObject {
	return {
		id,
		name: id,
		active: true,
		nodes: [
			{
				id: `${id}-hook`,
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: `${id}-webhook`,
				parameters: { httpMethod: 'POST', path, responseMode: 'lastNode', responseData: 'firstEntryJson', options: {} },
			},
			{ id: `${id}-split`, name: 'Items', type: 'n8n-nodes-base.splitOut', typeVersion: 1, position: [200, 0], parameters: { fieldToSplitOut: 'body.items', options: {} } },
			{ id: `${id}-send`, name: 'Send', position: [400, 0], typeVersion: 1, ...send },
		],
		connections: {
			Webhook: { main: [[{ node: 'Items', type: 'main', index: 0 }]] },
			Items: { main: [[{ node: 'Send', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

export const vanytechSendNode = (cred: { id: string; name: string }): IDataObject => ({
	type: `${PACKAGE}.vanytechMessageCenter`,
	credentials: { vanytechMessageCenterApi: cred },
	parameters: {
		resource: 'message',
		operation: 'send',
		title: '={{ $json.t }}',
		content: 'Please read.',
		channels: ['Portal'],
		receiversInput: 'fields',
		receivers: { receiver: [{ userId: VANYTECH_DEMO.users[0].userId, name: 'Receiver' }] },
	},
});

export const dingTalkSendNode = (cred: { id: string; name: string }): IDataObject => ({
	type: `${PACKAGE}.dingTalk`,
	credentials: { dingTalkApi: cred },
	parameters: {
		resource: 'workNotification',
		operation: 'send',
		agentId: String(DINGTALK_DEMO.agentId),
		sendTo: 'users',
		userIds: 'manager4220',
		messageInput: 'fields',
		messageType: 'text',
		textContent: '={{ $json.t }}',
		options: { requestsPerSecond: "={{ $('Webhook').first().json.body.rate }}" },
	},
});

/** Fires `executions` webhook calls at once, each carrying `sends` items; resolves with their HTTP statuses, the answers that were not 200, and the time taken. */
export async function fire(url: string, label: string, executions: number, sends: number, extra: IDataObject = {}): Promise<{ statuses: number[]; failures: string[]; ms: number }> {
	const start = Date.now();
	const failures: string[] = [];
	const statuses = await Promise.all(
		Array.from({ length: executions }, async (_, e) => {
			const items = Array.from({ length: sends }, (_, k) => ({ t: `${label}-${e}-${k}` }));
			const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ items, ...extra }) });
			const text = await res.text();
			if (res.status !== 200) failures.push(`${label}-${e}: HTTP ${res.status} ${text.slice(0, 500)}`);
			return res.status;
		}),
	);
	return { statuses, failures, ms: Date.now() - start };
}

export const expected = (label: string, executions: number, sends: number) =>
	Array.from({ length: executions }, (_, e) => Array.from({ length: sends }, (_, k) => `${label}-${e}-${k}`)).flat().sort();

