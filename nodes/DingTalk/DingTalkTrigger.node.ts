import { NodeConnectionTypes } from 'n8n-workflow';
import type { IDataObject, IHookFunctions, INodeType, INodeTypeDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { isObject } from '../common/answers';
import { callbackProblem } from './transport/robot';

/** The text of a received message: text.content (trimmed), a rich text's text parts, or a voice message's recognition. */
export function messageText(body: IDataObject): string {
	const text = body.text;
	if (isObject(text) && typeof text.content === 'string') return text.content.trim();
	const content = body.content;
	if (isObject(content)) {
		if (Array.isArray(content.richText)) {
			return content.richText
				.map((part) => (isObject(part) && typeof part.text === 'string' ? part.text : ''))
				.join('')
				.trim();
		}
		if (typeof content.recognition === 'string') return content.recognition.trim();
	}
	return '';
}

/** The message as the trigger emits it: DingTalk's fields, plus the text and the mentioned user IDs ready to use. */
export function triggerItem(body: IDataObject): IDataObject {
	const atUsers = Array.isArray(body.atUsers) ? body.atUsers : [];
	const atUserIds = atUsers
		.map((u) => (isObject(u) && typeof u.staffId === 'string' ? u.staffId : ''))
		.filter((id) => id !== '');
	return { messageText: messageText(body), atUserIds, ...body };
}

export class DingTalkTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'DingTalk Trigger',
		name: 'dingTalkTrigger',
		icon: { light: 'file:dingtalk.svg', dark: 'file:dingtalk.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: 'Robot messages',
		description: "Starts the workflow when someone messages the app's robot (@-mention in a group, or a one-to-one chat)",
		defaults: { name: 'DingTalk Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'dingTalkApi', required: true }],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'robot' }],
		properties: [
			{
				displayName:
					"Copy the Production URL above into the DingTalk developer console: your app > App Capabilities (应用能力) > Robot (机器人) > Message Receiving Mode (消息接收模式) HTTP, Message Receiving Address (消息接收地址); DingTalk needs a public HTTPS address. Then publish the robot and the app. The credential's AppSecret verifies every message; unsigned or older than an hour is refused. Stream mode needs a WebSocket client and cannot be used here.",
				name: 'notice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				options: [
					{
						name: 'Robot Message',
						value: 'robotMessage',
						description: "A user @-mentioned the app's robot in a group or wrote to it one-to-one",
					},
				],
				default: 'robotMessage',
			},
		],
	};

	/** DingTalk's robot callback address is set by hand in its console; there is nothing to register. */
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const res = this.getResponseObject();
		const headers = this.getHeaderData() as IDataObject;
		const credentials = await this.getCredentials('dingTalkApi');
		const problem = callbackProblem(headers.timestamp, headers.sign, String(credentials.appSecret ?? ''));
		if (problem) {
			res.status(problem.status).json({ error: `Refused: ${problem.reason}` });
			return { noWebhookResponse: true };
		}
		const body = this.getBodyData();
		if (!isObject(body) || typeof body.msgtype !== 'string') {
			res.status(400).json({ error: 'Refused: the body is not a DingTalk robot message' });
			return { noWebhookResponse: true };
		}
		// DingTalk takes a message as its answer; "empty" posts nothing (reply later with Robot Conversation > Reply).
		res.status(200).json({ msgtype: 'empty' });
		return { noWebhookResponse: true, workflowData: [[{ json: triggerItem(body) }]] };
	}
}
