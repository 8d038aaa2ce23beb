import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { executeOperation, operationFields } from '../common/node';
import { operations } from './actions';
import { kingdeeClient } from './transport';

export class KingdeeJdy implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Kingdee JDY',
		name: 'kingdeeJdy',
		icon: { light: 'file:kingdee.svg', dark: 'file:kingdee.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Send third-party messages to Kingdee JDY (精斗云 / 金蝶云星辰) users: message center, Kingdee Cloud app, WeCom, DingTalk',
		defaults: { name: 'Kingdee JDY' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'kingdeeJdyApi', required: true }],
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
						name: 'Send',
						value: 'send',
						action: 'Send a message',
						description: 'Send a third-party message to Kingdee users over one or more channels',
					},
				],
				default: 'send',
			},
			...operationFields(operations),
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		// Third-party reports: 500 calls a minute per account; stay just under it.
		return await executeOperation(this, operations, kingdeeClient, { concurrency: 4, ratePerSecond: 8 });
	}
}
