import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { executeOperation, operationFields } from '../common/node';
import { operations } from './actions';
import { vanytechClient } from './transport';

export class VanytechMessageCenter implements INodeType {
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
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'vanytechMessageCenterApi', required: true }],
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
					{ name: 'Send', value: 'send', action: 'Send a message', description: 'Send a notice or todo over one or more channels' },
				],
				default: 'send',
			},
			...operationFields(operations),
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeOperation(this, operations, vanytechClient);
	}
}
