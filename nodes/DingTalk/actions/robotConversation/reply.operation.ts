import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { optionsCollection } from '../../../common/options';
import type { Operation } from '../../../common/run';
import type { ItemFields } from '../../../common/validation';
import { buildRobotMessage } from '../robotMessage.build';
import { robotMessageFields, sizeLimitOption } from '../robotMessage.fields';

/** DingTalk's own address: a session webhook is always on it (a proxy or test server is added from the credential). */
export const DINGTALK_ORIGIN = 'https://oapi.dingtalk.com';

export const description: INodeProperties[] = [
	{
		displayName: 'Session Webhook',
		name: 'sessionWebhook',
		type: 'string',
		default: '={{ $json.sessionWebhook }}',
		required: true,
		description:
			'The sessionWebhook of the message to answer, as the DingTalk Trigger emits it (https://oapi.dingtalk.com/robot/sendBySession?session=…)',
	},
	{
		displayName: 'Session Webhook Expires At',
		name: 'sessionWebhookExpiredTime',
		type: 'string',
		default: '={{ $json.sessionWebhookExpiredTime }}',
		description:
			'When the session webhook stops working (sessionWebhookExpiredTime, milliseconds, about 90 minutes after the message). A reply after it is refused before sending. Empty: not checked.',
	},
	...robotMessageFields,
	optionsCollection([sizeLimitOption]),
];

export interface Prepared {
	url: string;
	body: IDataObject;
}

/** The expiry given as milliseconds (number or digits) or as a date; undefined when empty. */
function expiry(f: ItemFields): number | undefined {
	const value = f.param<unknown>('sessionWebhookExpiredTime', '');
	if (typeof value === 'number') return value;
	if (typeof value === 'string' && /^\s*\d{10,16}\s*$/.test(value)) return Number(value);
	return f.time(value, 'Session Webhook Expires At');
}

/** The origins a session webhook may have: DingTalk's, and the credential's Base URL (a proxy or test server). */
export function allowedOrigins(baseUrl: unknown): string[] {
	const origins = [DINGTALK_ORIGIN];
	try {
		if (typeof baseUrl === 'string' && baseUrl.trim()) origins.push(new URL(baseUrl.trim()).origin);
	} catch {
		// a malformed Base URL adds nothing
	}
	return origins;
}

export const reply: Operation<Prepared> = {
	description,
	sends: true,
	async prepare(f) {
		const label = 'Session Webhook';
		const url = f.text(f.param('sessionWebhook'), label, { required: true }).trim();
		let origin = '';
		try {
			origin = new URL(url).origin;
		} catch {
			f.fail(label, `"${url.slice(0, 60)}" is not an address`);
		}
		const credentials = await this.getCredentials('dingTalkApi', f.itemIndex);
		if (!allowedOrigins(credentials.baseUrl).includes(origin)) {
			f.fail(
				label,
				`is on ${origin}, not on DingTalk (${DINGTALK_ORIGIN}) or the credential's Base URL`,
				'Use the sessionWebhook DingTalk sent with the message; the app\'s token is never sent anywhere else.',
			);
		}
		const expiresAt = expiry(f);
		if (expiresAt !== undefined && expiresAt <= Date.now()) {
			const minutes = Math.round((Date.now() - expiresAt) / 60000);
			f.fail(
				'Session Webhook Expires At',
				`the session webhook expired at ${new Date(expiresAt).toISOString()} (${minutes} minutes ago); nothing was sent`,
				'DingTalk keeps a session webhook for about 90 minutes after the message. Answer later messages with the app robot\'s send instead.',
			);
		}
		return { url, body: buildRobotMessage(f) };
	},
	async execute(t, { url, body }, i) {
		await t.request({ method: 'POST', url, body, json: true, headers: { 'Content-Type': 'application/json' } }, i);
		return { sent: true, msgtype: body.msgtype };
	},
};
