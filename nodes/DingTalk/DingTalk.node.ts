import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { executeNode } from '../common/router';
import { answerWebhook, SEND_AND_WAIT_TOOLTIP, SEND_AND_WAIT_WEBHOOKS } from '../common/sendAndWait/webhook';
import { interopMessage, resources, workNotification } from './actions';
import { dingTalkClient } from './transport';

export class DingTalk implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'DingTalk',
		name: 'dingTalk',
		icon: { light: 'file:dingtalk.svg', dark: 'file:dingtalk.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Send and track DingTalk (钉钉) work notifications and cross-domain interop messages',
		defaults: { name: 'DingTalk' },
		usableAsTool: true,
		// Send and Wait for Response: the signed links land on these (n8n also makes a Human in the Loop tool of the node).
		webhooks: SEND_AND_WAIT_WEBHOOKS,
		waitingNodeTooltip: SEND_AND_WAIT_TOOLTIP,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'dingTalkApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Work Notification', value: 'workNotification', description: 'Messages an app sends to employees (工作通知)' },
					{ name: 'Interop Message', value: 'interopMessage', description: 'Cross-domain interop messages (IMPaaS 互通消息)' },
				],
				default: 'workNotification',
			},
			...workNotification.description,
			...interopMessage.description,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeNode(this, resources, dingTalkClient);
	}

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await answerWebhook(this, resources, dingTalkClient);
	}
}
