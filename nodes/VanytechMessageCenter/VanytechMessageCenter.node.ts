import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { executeNode } from '../common/router';
import { message, resources, user, wechatTemplate } from './actions';
import { listSearch, resourceMapping } from './methods';
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

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeNode(this, resources, vanytechClient);
	}
}
