/**
 * Send and Wait for Response, the execute() half, as n8n's own nodes do it: one message (for the
 * first item), then the execution waits; the node returns its input. The answer arrives at the
 * node's webhook (webhook.ts), whose output becomes the node's output.
 */
import { randomBytes } from 'node:crypto';
import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties, IWebhookFunctions } from 'n8n-workflow';
import { Delivery } from '../delivery';
import { messageOf } from '../errors';
import type { Transport } from '../transport';
import { ItemFields } from '../validation';
import { messageButtons, signedLinks } from './links';
import type { Button, Links } from './links';
import { readRequest } from './request';
import type { AnswerRequest } from './request';
import { writeState } from './state';
import type { KeptIds } from './state';
import { readWaitLimit } from './wait';

/** What the message must carry: the question, the signed links and the buttons to show them as. */
export interface WaitingMessage {
	request: AnswerRequest;
	links: Links;
	buttons: Button[];
}

/** The person's answer, as the webhook read it. */
export interface Answer {
	approved?: boolean;
	/** The output's `data` (n8n's shape): { approved } / { text } / the form's values; plus respondedAt. */
	data: IDataObject;
}

/**
 * A platform's send-and-wait: its own fields (recipients and the like), how the links reach the
 * person, and what happens on the platform after the answer.
 */
export interface WaitingOperation<P = unknown> {
	description: INodeProperties[];
	sends: true;
	/** Reads and checks the platform's fields of the first item and builds the message; sends nothing. */
	prepare(this: IExecuteFunctions, f: ItemFields, message: WaitingMessage): P | Promise<P>;
	/** Sends the one message; returns the platform ids needed after the answer (kept in the execution). */
	send(this: IExecuteFunctions, t: Transport, prepared: P): Promise<KeptIds>;
	/**
	 * After the answer, before the workflow resumes (for example: mark the message answered on the
	 * platform). What it returns joins the output item. A failure here is reported in the output
	 * and never loses the answer.
	 */
	afterAnswer?(this: IWebhookFunctions, t: Transport, ids: KeptIds, answer: Answer): Promise<IDataObject>;
}

export function isWaitingOperation(op: object): op is WaitingOperation {
	return 'send' in op && typeof (op as WaitingOperation).send === 'function';
}

function asError(ctx: IExecuteFunctions, error: unknown): Error {
	if (error instanceof Error && 'node' in error) return error;
	return new NodeOperationError(ctx.getNode(), messageOf(error), { itemIndex: 0 });
}

export async function executeSendAndWait(
	ctx: IExecuteFunctions,
	op: WaitingOperation,
	transport: Transport,
): Promise<INodeExecutionData[][]> {
	const items = ctx.getInputData();
	// A Delivery Key (see delivery.ts) makes the one message of the first item safe to re-run: a
	// question asked before is not asked again, and nothing waits.
	const delivery = new Delivery(ctx, true, 1);
	let sending = false;
	try {
		const f = new ItemFields(ctx, 0);
		const request = readRequest(f);
		const limit = readWaitLimit(f);
		const round = randomBytes(9).toString('base64url');
		const links = signedLinks(ctx, round, limit.limited ? limit.waitTill.getTime() : undefined);
		const prepared = await op.prepare.call(ctx, f, { request, links, buttons: messageButtons(request, links) });
		delivery.readKey(0);
		await delivery.begin([0]);
		const skipped = await delivery.skip(0);
		if (skipped) {
			await delivery.finish();
			return [[{ json: skipped, pairedItem: { item: 0 } }]];
		}
		sending = true;
		const ids = await op.send.call(ctx, transport, prepared);
		delivery.sent(0, ids as IDataObject);
		await delivery.finish();
		writeState(ctx, { node: ctx.getNode().id, round, ids });
		await ctx.putExecutionToWait(limit.waitTill);
		return [items];
	} catch (error) {
		if (sending) {
			delivery.failed(0, error);
			await delivery.finish();
		}
		// As n8n's nodes: with Continue On Fail a failed send is an error item, and nothing waits.
		if (!ctx.continueOnFail()) throw sending ? delivery.stopped(asError(ctx, error)) : asError(ctx, error);
		return [[{ json: { error: messageOf(error), ...(sending ? delivery.errorFields(0) : {}) }, pairedItem: { item: 0 } }]];
	}
}
