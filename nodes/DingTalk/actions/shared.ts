import type { ICredentialDataDecryptedObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { optionsCollection as collection } from '../../common/options';
import type { ItemFields } from '../../common/validation';

import { DEFAULT_RATE } from '../transport';
import { appTypeOf } from '../transport/token';
import type { AppType } from '../transport/token';
import { requiredText } from '../../common/properties';

export const agentIdField: INodeProperties = requiredText('Agent ID', 'agentId', {
	placeholder: '2839445214',
	description:
		'The AgentId of the app that sends the notification: DingTalk developer console > your app > Credentials and Basic Information (凭证与基础信息)',
});

export const taskIdField: INodeProperties = requiredText('Task ID', 'taskId', {
	placeholder: '={{ $json.task_id }}',
	description: 'The task_id a work notification send returned',
});

export const requestsPerSecondOption: INodeProperties = {
	displayName: 'Requests Per Second',
	name: 'requestsPerSecond',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 200 },
	default: DEFAULT_RATE,
	description:
		'Most DingTalk calls this node starts per second (items are sent concurrently up to this rate). DingTalk allows an internal app 20 calls per second per API; above it DingTalk answers 90018 and the node waits and resends.',
};

/** An "Options" collection holding an operation's own options plus Requests Per Second. */
export function optionsCollection(extra: INodeProperties[] = []): INodeProperties {
	return collection([...extra, requestsPerSecondOption].sort((a, b) => a.displayName.localeCompare(b.displayName)));
}

/** A positive whole number given as a number or digit text (agent and task ids are Longs). */
export function idNumber(f: ItemFields, value: unknown, label: string): number {
	const s = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : value;
	if (s === '' || s === undefined || s === null) f.fail(label, 'is required but empty');
	if (typeof s !== 'string' || !/^\d{1,16}$/.test(s) || !Number.isSafeInteger(Number(s)) || Number(s) <= 0) {
		f.fail(label, `${JSON.stringify(value)} is not a positive whole number`);
	}
	return Number(s);
}

/** An earlier send, as Get Progress, Get Result, Recall and Update OA Status Bar name it. */
export interface SentTask {
	agentId: number;
	taskId: number;
}

/** Reads the Agent ID and Task ID fields (agentIdField, taskIdField). */
export function readTask(f: ItemFields): SentTask {
	return { agentId: idNumber(f, f.param('agentId'), 'Agent ID'), taskId: idNumber(f, f.param('taskId'), 'Task ID') };
}

/** A list of user IDs (array or comma-separated text), de-duplicated, within `max`. */
export function userIdList(f: ItemFields, value: unknown, label: string, max: number): string[] {
	const list = [...new Set(f.list(value, label))];
	if (list.length > max) f.fail(label, `has ${list.length} user IDs; DingTalk allows at most ${max} per call`, 'Split the receivers over several items.');
	for (const u of list) if (u.includes(',')) f.fail(label, `"${u}" contains a comma`);
	return list;
}

/** A list of department IDs (numbers), de-duplicated, within `max`. */
export function deptIdList(f: ItemFields, value: unknown, label: string, max: number): string[] {
	const list = [...new Set(f.list(value, label))];
	for (const d of list) if (!/^\d{1,16}$/.test(d)) f.fail(label, `"${d}" is not a department ID (a number)`);
	if (list.length > max) f.fail(label, `has ${list.length} department IDs; DingTalk allows at most ${max} per call`);
	return list;
}

const APP_TYPE_NAMES: Record<AppType, string> = { internal: 'Internal App', thirdParty: 'Third-Party Enterprise App' };

/** The credential, read once per execution (keyed by the execution's context). */
const credentialsOf = new WeakMap<object, Promise<ICredentialDataDecryptedObject>>();

/**
 * Refuses an item before anything is sent when the operation needs the other app type than the
 * credential has (DingTalk offers templates only to third-party apps; app robot and todo need an
 * internal app's token).
 */
export async function requireAppType(
	ctx: IExecuteFunctions,
	f: ItemFields,
	needed: AppType,
	operation: string,
): Promise<ICredentialDataDecryptedObject> {
	let pending = credentialsOf.get(ctx);
	if (!pending) {
		pending = ctx.getCredentials<ICredentialDataDecryptedObject>('dingTalkApi');
		credentialsOf.set(ctx, pending);
	}
	const credentials = await pending;
	if (appTypeOf(credentials) !== needed) {
		f.fail(
			'Credential',
			`${operation} needs a DingTalk API credential with App Type "${APP_TYPE_NAMES[needed]}"; this one is "${APP_TYPE_NAMES[needed === 'internal' ? 'thirdParty' : 'internal']}"`,
			needed === 'thirdParty'
				? 'DingTalk offers message templates (sendbytemplate) only to third-party enterprise apps. Internal apps send with Work Notification > Send.'
				: 'DingTalk documents these APIs with an internal app\'s token: use a credential of the internal app that owns the robot or the todos.',
		);
	}
	return credentials;
}
