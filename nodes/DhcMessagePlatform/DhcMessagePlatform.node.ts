import { NodeConnectionTypes } from 'n8n-workflow';
import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { waitingMessagingNode } from '../common/node';
import { SEND_AND_WAIT_TOOLTIP, SEND_AND_WAIT_WEBHOOKS } from '../common/sendAndWait/webhook';
import { message, resources } from './actions';
import { dhcClient } from './transport';

export class DhcMessagePlatform extends waitingMessagingNode(resources, dhcClient) implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'DHC Message Platform',
		name: 'dhcMessagePlatform',
		icon: { light: 'file:dhc.svg', dark: 'file:dhc.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Send site letters, SMS and emails through a self-hosted DHC (东华医为) unified message platform',
		defaults: { name: 'DHC Message Platform' },
		usableAsTool: true,
		// Send and Wait for Response: the signed links land on these (n8n also makes a Human in the Loop tool of the node).
		webhooks: SEND_AND_WAIT_WEBHOOKS,
		waitingNodeTooltip: SEND_AND_WAIT_TOOLTIP,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'dhcMessagePlatformApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [{ name: 'Message', value: 'message' }],
				default: 'message',
			},
			...message.description,
		],
	};
}
