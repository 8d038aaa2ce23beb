import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { executeOperation, operationFields } from '../common/node';
import { operations } from './actions';
import { dhcClient } from './transport';

export class DhcMessagePlatform implements INodeType {
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
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				displayOptions: { show: { resource: ['message'] } },
				options: [
					{
						name: 'Send by Channel',
						value: 'sendByChannel',
						action: 'Send a message by channel',
						description: 'Send your own content on site letter, SMS and email channels',
					},
					{
						name: 'Send From Template',
						value: 'sendFromTemplate',
						action: 'Send a message from a template',
						description: 'Send a message template defined on the platform, with its variables',
					},
				],
				default: 'sendByChannel',
			},
			...operationFields(operations),
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeOperation(this, operations, dhcClient);
	}
}
