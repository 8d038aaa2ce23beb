import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { executeOperation, operationFields } from '../common/node';
import { operations } from './actions';
import { loadOptions, resourceMapping } from './methods';
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
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				displayOptions: { show: { resource: ['message'] } },
				options: [
					{ name: 'Confirm Todo', value: 'confirmTodo', action: 'Confirm a todo message', description: 'Set a todo message to done or pending' },
					{ name: 'Get Delivery Progress', value: 'getProgress', action: 'Get the delivery progress of a message', description: 'How many receivers got a message, and who did not' },
					{ name: 'Get Replies', value: 'getReplies', action: 'Get replies to messages', description: 'Read (and remove) the replies to messages sent with replies allowed' },
					{ name: 'Send', value: 'send', action: 'Send a message', description: 'Send a notice or todo over one or more channels' },
					{ name: 'Send SMS', value: 'sendSms', action: 'Send an SMS', description: 'Send an SMS to mobile numbers outside the directory' },
					{ name: 'Send WeCom Card', value: 'sendCard', action: 'Send a card message', description: 'Send a WeCom (企业微信) text card' },
				],
				default: 'send',
			},
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				displayOptions: { show: { resource: ['wechatTemplate'] } },
				options: [
					{ name: 'List Accounts', value: 'listAccounts', action: 'List official accounts', description: 'The official accounts bound to your application' },
					{ name: 'List Templates', value: 'listTemplates', action: 'List templates', description: 'The templates of an official account, with their slots' },
					{ name: 'Send', value: 'send', action: 'Send a template message', description: 'Send a template message through an official account' },
				],
				default: 'send',
			},
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				displayOptions: { show: { resource: ['user'] } },
				options: [
					{ name: 'Get Message Count', value: 'getMessageCount', action: 'Count a user s messages', description: 'Unread, read, todo and done counts of a user' },
					{ name: 'Get Messages', value: 'getMessages', action: 'List a user s messages', description: 'The latest message summaries of a user' },
				],
				default: 'getMessages',
			},
			...operationFields(operations),
		],
	};

	methods = { loadOptions, resourceMapping };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeOperation(this, operations, vanytechClient);
	}
}
