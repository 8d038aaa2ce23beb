import type {
	IExecuteFunctions,
	INodeExecutionData,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import type { Resource } from './router';
import { executeNode } from './router';
import { answerWebhook } from './sendAndWait/webhook';
import type { PlatformClient } from './transport';

/**
 * The run-time half of a messaging node, written once. A node class extends it and declares only
 * its description (a literal, which n8n's linters read) and its methods (pick-lists):
 * `export class X extends messagingNode(resources, client) implements INodeType { description = … }`.
 *
 * n8n calls `execute` and `webhook` with its own `this` (the execution's or the webhook's functions),
 * not the node object, so what they need is captured here rather than read from the instance.
 */
export function messagingNode(resources: Record<string, Resource>, client: PlatformClient) {
	return class {
		async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
			return await executeNode(this, resources, client);
		}
	};
}

/** A messaging node with Send and Wait for Response: `webhook` takes the answer (see sendAndWait/webhook.ts). */
export function waitingMessagingNode(resources: Record<string, Resource>, client: PlatformClient) {
	return class extends messagingNode(resources, client) {
		async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
			return await answerWebhook(this, resources, client);
		}
	};
}
