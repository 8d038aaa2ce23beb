import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { executeOperation, operationFields } from '../common/node';
import { operations } from './actions';
import { CREDENTIAL_TYPE, eazytecClient } from './transport';

export class EazytecZqt implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Eazytec ZQT',
		name: 'eazytecZqt',
		icon: { light: 'file:eazytec.svg', dark: 'file:eazytec.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Send government-enterprise messages through Eazytec 卓易政企通 (ZQT)',
		defaults: { name: 'Eazytec ZQT' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
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
						action: 'Send a government enterprise message',
						description: 'Send an HTML message to ZQT users (发送政企消息)',
					},
				],
				default: 'send',
			},
			{
				displayName:
					'The document lists no length limits and no rate limit. A refused message ("缺少必要参数") is reported, never resent.',
				name: 'notice',
				type: 'notice',
				default: '',
				displayOptions: { show: { resource: ['message'], operation: ['send'] } },
			},
			...operationFields(operations),
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		// A pasted token cannot be renewed: the client then reports a refused token instead.
		const credentials = await this.getCredentials(CREDENTIAL_TYPE);
		const pastedToken = credentials.authentication === 'accessToken';
		return await executeOperation(this, operations, eazytecClient(pastedToken));
	}
}
