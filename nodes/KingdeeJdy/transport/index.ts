import type { IDataObject } from 'n8n-workflow';
import { isObject, unexpectedAnswer } from '../../common/answers';
import type { CodeTable } from '../../common/errors';
import type { PlatformClient, PlatformResponse, Route, Verdict } from '../../common/transport';

/**
 * Every gateway interface the node and its credential call. The two connector interfaces are the
 * credential's token flow (see auth.ts): they carry their parameters in the signed query string,
 * and the POST one also sends an empty JSON body.
 */
export const ROUTES = {
	send: { method: 'POST', path: '/jdy/v2/sys/outside_msg', carry: 'json' },
	authorizeInstance: { method: 'POST', path: '/jdyconnector/app_management/push_app_authorize', carry: 'query' },
	appToken: { method: 'GET', path: '/jdyconnector/app_management/kingdee_auth_token', carry: 'query' },
} as const satisfies Record<string, Route>;

/**
 * The Kingdee API gateway's codes (official SDK KDApiGwRespStatus, answered with HTTP 519), the
 * token flow's 1030002006, the message API's documented 2000002000, and what to do about each.
 */
export const KINGDEE_CODES: CodeTable = {
	'4001': { meaning: 'The authentication type is not supported', hint: 'X-Api-Auth-Version must be 2.0. Please report this as a bug of the node.' },
	'4002': { meaning: 'The Client ID is empty', hint: 'Fill in the Client ID in the credential.' },
	'4003': { meaning: 'The Client ID is not valid', hint: 'Copy the Client ID of your app from the Kingdee developer console (open.jdy.com).' },
	'4004': { meaning: 'The Client Secret is empty', hint: 'Fill in the Client Secret in the credential.' },
	'4005': { meaning: 'The Client ID or Client Secret is not valid', hint: 'Copy both from the same app in the Kingdee developer console.' },
	'4006': {
		meaning: 'The request timestamp was refused',
		hint: 'The gateway accepts requests stamped within 5 minutes of its own time: check the n8n server clock (NTP).',
	},
	'4007': { meaning: 'X-Api-SignHeaders is not valid', hint: 'Please report this as a bug of the node.' },
	'4008': {
		meaning: 'The request signature was refused',
		hint: 'Check that the Client Secret in the credential belongs to the Client ID, and that the n8n server clock is right. A replayed nonce is refused the same way.',
	},
	'4009': { meaning: 'The app-token is missing', hint: 'The token was renewed and the request resent once; check the credential.' },
	'4010': {
		meaning: 'The app-token is not valid',
		hint: 'The token was renewed and the request resent once and the gateway still refused it. Check the Domain (X-GW-Router-Addr) and that the account still authorizes the app.',
	},
	'4011': { meaning: 'The app-token has expired', hint: 'The token was renewed and the request resent once and it was still refused: check the server clock.' },
	'4012': { meaning: 'The app may not call this API', hint: 'Subscribe the app to the message API (第三方消息) in the Kingdee developer console.' },
	'5000': { meaning: 'Internal gateway failure', hint: 'The message may or may not have been accepted; it was not resent. Check before running again.' },
	'5001': { meaning: 'The API was not found', hint: 'Check the Base URL in the credential.' },
	'5002': { meaning: 'The HTTP method is not allowed' },
	'5003': { meaning: 'The API is unavailable', hint: 'Try again later.' },
	'5004': { meaning: 'The API timed out', hint: 'The message may or may not have been accepted; it was not resent. Check before running again.' },
	'5005': { meaning: 'The request was cancelled' },
	'5006': { meaning: 'The API is temporarily cut off (circuit breaker)', hint: 'Try again later.' },
	'5007': { meaning: 'The gateway is overloaded or rate-limiting', hint: 'Lower the rate (third-party reports: 500 calls a minute per account) or try again later.' },
	'1030002006': {
		meaning: 'The app authorization key was refused (wrong or rotated App Secret)',
		hint: 'With the Outer Instance ID authorization the node re-authorizes by itself; with a typed App Secret, type the current one or switch to the Outer Instance ID.',
	},
	'2000002000': {
		meaning: 'Kingdee system error',
		hint: 'Kingdee asks to report it in the developer community (https://vip.kingdee.com/developer).',
	},
	'success=false': { meaning: 'The message service did not accept the message', hint: 'See the platform message (for example an unknown receiver).' },
};

/** Token refused: renew once (a fresh authorization in instance mode) and resend once. */
const TOKEN_CODES = ['4009', '4010', '4011', '1030002006'];
/** The gateway turned the request away before it reached the service: safe to resend. */
const RETRY_CODES = ['5006', '5007'];

function textOf(body: IDataObject): string | undefined {
	const parts = [body.description, body.descriptionCn, body.msg]
		.filter((v) => typeof v === 'string' && v.trim() !== '')
		.map((v) => String(v).trim());
	return parts.length ? [...new Set(parts)].join(' / ') : undefined;
}

export function judgeKingdee(response: PlatformResponse): Verdict {
	const body = response.body;
	if (!isObject(body) || body.errcode === undefined || body.errcode === null) {
		if (response.statusCode === 429) return { ok: false, kind: 'retry', code: 'HTTP 429', meaning: 'Rate limited' };
		return unexpectedAnswer(response, 'the Kingdee API gateway', 'Check the Base URL in the credential (https://api.kingdee.com).');
	}
	const code = String(body.errcode);
	if (code === '0' && response.statusCode < 300) {
		const data = (body.data ?? {}) as IDataObject;
		if (data.success === false) {
			return { ok: false, kind: 'error', code: 'success=false', text: typeof data.message === 'string' ? data.message : undefined };
		}
		return { ok: true };
	}
	const kind = TOKEN_CODES.includes(code) ? 'token' : RETRY_CODES.includes(code) ? 'retry' : 'error';
	return { ok: false, kind, code, text: textOf(body) };
}

export const kingdeeClient: PlatformClient = {
	platform: 'Kingdee JDY',
	credentialType: 'kingdeeJdyApi',
	codes: KINGDEE_CODES,
	// The credential stores the platform's expiry with the margin already taken off.
	token: { field: 'appToken', expiresAtField: 'renewAfter', renewBeforeMs: 0 },
	secretFields: ['clientSecret', 'appSecret', 'learnedAppSecret'],
	judge: (response) => judgeKingdee(response),
	retry: { attempts: 2, delayMs: 1000 },
	// Third-party reports: 500 calls a minute per account; stay just under it.
	pace: () => ({ concurrency: 4, ratePerSecond: 8 }),
};

export interface KingdeeAnswer {
	errcode: number;
	description?: string;
	data?: IDataObject;
}
