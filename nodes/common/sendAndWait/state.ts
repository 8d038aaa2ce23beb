/**
 * What a waiting execution keeps for after the answer, in the execution itself (n8n's execution
 * custom data, saved with the waiting execution), never in process memory: the answer may reach
 * another n8n process (queue mode) or an n8n restarted meanwhile. One key, rewritten by every wait:
 *   cnmsgSendAndWait = {"node": <node id>, "round": <the links' round>, "ids": {<platform ids>}}
 * It also shows in the execution list, and expressions can read it (for example after a timeout):
 *   {{ JSON.parse($execution.customData.get("cnmsgSendAndWait")).ids.msgId }}
 */
import type { IExecuteFunctions, IWebhookFunctions } from 'n8n-workflow';
import { isObject } from '../answers';

export const STATE_KEY = 'cnmsgSendAndWait';

/** Platform ids kept across the wait (text only; the whole state must fit n8n's 512 characters). */
export type KeptIds = Record<string, string>;

export interface WaitState {
	node: string;
	round: string;
	ids: KeptIds;
}

/**
 * Keeps the state in the execution. Ids that do not fit n8n's 512 characters are left out (the
 * answer is still taken; only the follow-up on the platform is skipped).
 */
export function writeState(ctx: IExecuteFunctions, state: WaitState): void {
	let text = JSON.stringify(state);
	if (text.length > 512) text = JSON.stringify({ ...state, ids: {} });
	// n8n 2.x offers customData on the node's context; n8n 1.x only through $execution.
	const data = (ctx.customData as IExecuteFunctions['customData'] | undefined) ?? ctx.getWorkflowDataProxy(0)?.$execution?.customData;
	if (data && typeof data.set === 'function') data.set(STATE_KEY, text);
}

/** The state of the current wait, or undefined when this n8n keeps no custom data for it. */
export function readState(ctx: IWebhookFunctions): WaitState | undefined {
	let text: unknown;
	try {
		text = ctx.customData?.get(STATE_KEY);
	} catch {
		return undefined;
	}
	if (typeof text !== 'string') return undefined;
	try {
		const parsed = JSON.parse(text) as unknown;
		if (!isObject(parsed) || typeof parsed.node !== 'string' || typeof parsed.round !== 'string') return undefined;
		const ids: KeptIds = {};
		if (isObject(parsed.ids)) for (const [k, v] of Object.entries(parsed.ids)) ids[k] = String(v);
		return { node: parsed.node, round: parsed.round, ids };
	} catch {
		return undefined;
	}
}
