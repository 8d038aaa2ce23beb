import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { executeNode } from '../common/router';
import { message, resources } from './actions';
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
			...message.description,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeNode(this, resources, dhcClient);
	}
}
