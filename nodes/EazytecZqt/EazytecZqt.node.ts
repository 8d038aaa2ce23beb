import { NodeConnectionTypes } from 'n8n-workflow';
import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { waitingMessagingNode } from '../common/node';
import { SEND_AND_WAIT_TOOLTIP, SEND_AND_WAIT_WEBHOOKS } from '../common/sendAndWait/webhook';
import { dictionary, message, resources } from './actions';
import { loadOptions } from './methods';
import { CREDENTIAL_TYPE, eazytecClient } from './transport';

export class EazytecZqt extends waitingMessagingNode(resources, eazytecClient) implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Eazytec ZQT',
		name: 'eazytecZqt',
		icon: { light: 'file:eazytec.svg', dark: 'file:eazytec.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Send and follow government-enterprise messages through Eazytec 卓易政企通 (ZQT)',
		defaults: { name: 'Eazytec ZQT' },
		usableAsTool: true,
		// Send and Wait for Response: the signed links land on these (n8n also makes a Human in the Loop tool of the node).
		webhooks: SEND_AND_WAIT_WEBHOOKS,
		waitingNodeTooltip: SEND_AND_WAIT_TOOLTIP,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Dictionary', value: 'dictionary' },
					{ name: 'Message', value: 'message' },
				],
				default: 'message',
			},
			{
				displayName:
					'The document lists no length limits and no rate limit. A refused message ("缺少必要参数") is reported, never resent.',
				name: 'notice',
				type: 'notice',
				default: '',
				displayOptions: { show: { resource: ['message'], operation: ['send'] } },
			},
			...message.description,
			...dictionary.description,
		],
	};

	methods = { loadOptions };
}
