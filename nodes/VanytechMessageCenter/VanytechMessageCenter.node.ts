import { NodeConnectionTypes } from 'n8n-workflow';
import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { waitingMessagingNode } from '../common/node';
import { SEND_AND_WAIT_TOOLTIP, SEND_AND_WAIT_WEBHOOKS } from '../common/sendAndWait/webhook';
import { message, resources, user, wechatTemplate } from './actions';
import { listSearch, resourceMapping } from './methods';
import { vanytechClient } from './transport';

export class VanytechMessageCenter extends waitingMessagingNode(resources, vanytechClient) implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Vanytech Message Center',
		name: 'vanytechMessageCenter',
		icon: { light: 'file:vanytech.svg', dark: 'file:vanytech.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Send and track messages through a Vanytech (万雍) unified message center',
		defaults: { name: 'Vanytech Message Center' },
		usableAsTool: true,
		// Send and Wait for Response: the signed links land on these (n8n also makes a Human in the Loop tool of the node).
		webhooks: SEND_AND_WAIT_WEBHOOKS,
		waitingNodeTooltip: SEND_AND_WAIT_TOOLTIP,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'vanytechMessageCenterApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Message', value: 'message' },
					{ name: 'User', value: 'user' },
					{ name: 'WeChat Template', value: 'wechatTemplate' },
				],
				default: 'message',
			},
			...message.description,
			...user.description,
			...wechatTemplate.description,
		],
	};

	methods = { listSearch, resourceMapping };
}
