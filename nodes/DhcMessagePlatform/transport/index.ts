import type { IDataObject } from 'n8n-workflow';
import { isObject, unexpectedAnswer } from '../../common/answers';
import type { CodeTable } from '../../common/errors';
import type { PlatformClient, PlatformResponse, Route, Verdict } from '../../common/transport';
import { sentTimeOutput } from '../../common/time';

export const DHC_PLATFORM = 'DHC Message Platform';

/** Both send interfaces of the document; the credential adds appId to the JSON body. */
export const ROUTES = {
	sendByChannel: { method: 'POST', path: '/api/openApi/message/push/channel', carry: 'json' },
	sendFromTemplate: { method: 'POST', path: '/api/openApi/message/push/template', carry: 'json' },
} as const satisfies Record<string, Route>;

const PARAMETER_HINT =
	'Check the receivers (user, department, post and role codes, or channel accounts), the channel codes and their content, the template code and its variables, the priority, the sender field name and the send time. Nothing was sent.';

/** The document's appendix (接口状态码), explained. */
export const DHC_CODES: CodeTable = {
	'400': { meaning: 'Invalid parameters', hint: PARAMETER_HINT },
	'401': {
		meaning: 'Authentication failed: the platform does not know this App ID',
		hint: 'Check the App ID in the credential (the 应用Id registered for your system on the message platform). Behind a gateway, also check the extra header name and value.',
	},
	'404': {
		meaning: 'Not found: the requested resource does not exist',
		hint: 'Check the Base URL in the credential (address, port and path prefix) and, for Send from Template, the template code.',
	},
	'500': {
		meaning: 'Internal server error of the message platform',
		hint: 'The message may or may not have been accepted. It was not resent, so that nobody gets it twice: check the platform (the business ID helps) before running again.',
	},
};

/** What an answer without a platform code means, for the HTTP statuses that say something. */
function withoutCode(status: number): { meaning: string; hint: string } | undefined {
	if (status === 404 || status === 405) {
		return {
			meaning: 'No DHC message interface at this address',
			hint: 'Check the Base URL in the credential: address, port and any path prefix, without /api/openApi/...',
		};
	}
	if (status === 401 || status === 403) {
		return {
			meaning: 'The server or a gateway in front of it refused the request',
			hint: 'Check the extra header name and value in the credential, and ask the administrator whether your address may call the platform.',
		};
	}
	return undefined;
}

/**
 * Reads an answer. The platform puts its status in `code` (a number in the examples, a string in
 * the tables) and usually mirrors it in the HTTP status, so the body decides; a parameter error
 * comes back as 400 or as 404 with 参数有误 (the document shows both).
 */
export function judgeDhc(response: PlatformResponse): Verdict {
	const body = response.body;
	const code = isObject(body) ? body.code : undefined;
	if (code === undefined || code === null || code === '') {
		const status = response.statusCode;
		const text = typeof body === 'string' ? body.slice(0, 200) : isObject(body) ? JSON.stringify(body).slice(0, 200) : undefined;
		const known = withoutCode(status);
		if (known) return { ok: false, kind: 'error', code: `HTTP ${status}`, ...known, text };
		// Unlike unexpectedAnswer's own text, a JSON answer's start is shown too (a gateway's error object).
		const verdict = unexpectedAnswer(
			response,
			'a DHC message platform',
			'Check the Base URL in the credential. If the platform sits behind a gateway, check the extra header too. The message may or may not have been accepted; it was not resent.',
		);
		return verdict.ok ? verdict : { ...verdict, text };
	}
	const c = String(code).trim();
	if (c === '200') return { ok: true };
	const text = isObject(body) && body.msg !== undefined && body.msg !== null ? String(body.msg) : undefined;
	if ((c === '404' || c === '400') && text !== undefined && text.includes('参数')) {
		return { ok: false, kind: 'error', code: c, text, meaning: 'Invalid parameters', hint: PARAMETER_HINT };
	}
	return { ok: false, kind: 'error', code: c, text };
}

/** No token, no renewal, no resend: a send is never repeated (the platform has no idempotency key). */
export const dhcClient: PlatformClient = {
	platform: DHC_PLATFORM,
	credentialType: 'dhcMessagePlatformApi',
	codes: DHC_CODES,
	secretFields: ['headerSecret'],
	judge: (response) => judgeDhc(response),
};

/**
 * What a send returns: the platform's code and msg, its msgId when it gives one, and, for a
 * scheduled send, the time sent (China time) with the same instant in ISO 8601.
 */
export function sendResult(answer: IDataObject, body?: IDataObject): IDataObject {
	const out: IDataObject = { code: answer.code, msg: answer.msg };
	if (answer.msgId !== undefined) out.msgId = answer.msgId;
	if (typeof body?.sendTime === 'string') Object.assign(out, sentTimeOutput(body.sendTime));
	return out;
}
