import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';
import type { CodeTable } from '../../common/errors';
import type { PlatformClient, PlatformResponse, Transport, Verdict } from '../../common/transport';

/** Every rspCode of the document's table 4-1-2, explained. */
export const VANYTECH_CODES: CodeTable = {
	'100011': { meaning: 'SMS quota exhausted', hint: 'Ask the platform administrator to top up the SMS quota.' },
	'400002': {
		meaning: 'This interface is not enabled for the application',
		hint: 'The user message interfaces are off by default: ask the platform administrator to enable them for your App ID.',
	},
	'500001': { meaning: 'A parameter failed the platform\'s validation', hint: 'Check the fields against the platform\'s limits.' },
	'500002': {
		meaning: 'Invalid App ID or App Password, or the application is disabled',
		hint: 'Check the credential, and ask the administrator whether the application is enabled.',
	},
	'500003': { meaning: 'Invalid token', hint: 'The token was renewed and the request resent once; the platform still refused it.' },
	'500005': { meaning: 'Invalid message ID', hint: 'Use the msgId returned by a send.' },
	'500006': { meaning: 'Not a todo message', hint: 'Only messages sent with category Todo can be confirmed.' },
	'500007': { meaning: 'None of the receivers is subscribed', hint: 'The receivers have not subscribed to messages from this application.' },
	'500008': {
		meaning: 'The todo/task message is still being processed and its state cannot change yet',
		hint: 'Try again in a little while.',
	},
	'500010': {
		meaning: 'The application may not send on this channel',
		hint: 'Ask the administrator to enable the channel for your application (API access form).',
	},
	'500011': {
		meaning: 'Intelligence Mode needs at least one channel enabled',
		hint: 'Ask the administrator to enable at least one channel for your application.',
	},
	'500012': { meaning: 'The request content is not allowed', hint: 'Check the content for forbidden characters such as 【】.' },
	'500013': { meaning: 'The message contains sensitive words', hint: 'Reword the message.' },
	'500014': { meaning: 'The channel is closed', hint: 'The SMS channel is closed on the platform.' },
	'500015': { meaning: 'This todo/task message was already sent', hint: 'A todo message cannot be sent twice.' },
	'600000': { meaning: 'The WeChat official account does not exist' },
	'600001': { meaning: 'The WeChat official account failed to return data' },
	'600002': { meaning: 'The WeChat official account\'s token is invalid', hint: 'The administrator must re-authorize the official account on the platform.' },
	'600003': { meaning: 'The user has no identity on the WeChat official account', hint: 'The user has not bound WeChat.' },
	'600004': { meaning: 'User information is required' },
	'600005': { meaning: 'Official account information is required' },
	'600006': { meaning: 'The template message is required' },
	'600007': { meaning: 'A template keyword parameter is missing', hint: 'Fill every slot of the template.' },
	'600008': { meaning: 'The template does not exist' },
	'600009': { meaning: 'The template message is not a todo, its state cannot change' },
	'600010': { meaning: 'The template message already has this state' },
	'600011': { meaning: 'The official account is disabled' },
	'600020': { meaning: 'The third-party application does not exist' },
	'600021': { meaning: 'Includes a third-party application that does not exist' },
	'600022': {
		meaning: 'The application may not send through this official account',
		hint: 'Ask the administrator to bind the official account to your application.',
	},
	'600023': { meaning: 'The template message was not sent by this platform' },
	'600024': { meaning: 'The user unsubscribed from the official account' },
	'999999': { meaning: 'Other platform error' },
};

/** Interfaces whose success code is "1" instead of "000000" (table 4-1-2). */
const SUCCESS_ONE = ['/message/sendMessageBySMSApi'];

export function judgeVanytech(response: PlatformResponse, url: string): Verdict {
	const body = response.body as IDataObject | undefined;
	if (response.statusCode >= 400 || !body || typeof body !== 'object' || body.rspCode === undefined) {
		return {
			ok: false,
			kind: 'error',
			code: `HTTP ${response.statusCode}`,
			meaning: 'The server did not answer like a Vanytech Message Center',
			hint: 'Check the Base URL in the credential (the 接口域名 of the API access form).',
			text: typeof response.body === 'string' ? response.body.slice(0, 200) : undefined,
		};
	}
	const code = String(body.rspCode);
	if (code === '000000' || (code === '1' && SUCCESS_ONE.some((p) => url.endsWith(p)))) return { ok: true };
	return {
		ok: false,
		kind: code === '500003' ? 'token' : 'error',
		code,
		text: body.rspMsg === undefined || body.rspMsg === null ? undefined : String(body.rspMsg),
	};
}

export const vanytechClient: PlatformClient = {
	platform: 'Vanytech Message Center',
	credentialType: 'vanytechMessageCenterApi',
	codes: VANYTECH_CODES,
	token: { field: 'token', expiresAtField: 'expiresAt' },
	secretFields: ['appPassword'],
	judge: (response, request) => judgeVanytech(response, request.url),
};

type Carriage = 'form' | 'json' | 'query';

/** One call to an interface, its parameters carried as the document says for it. */
export async function vanytechCall<T = IDataObject>(
	t: Transport,
	path: string,
	carriage: Carriage,
	params: IDataObject,
	itemIndex?: number,
): Promise<{ rspCode: string; rspMsg?: string; resultData: T }> {
	const clean: IDataObject = {};
	for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') clean[k] = v;
	const options: IHttpRequestOptions = { method: 'POST', url: path, json: true };
	if (carriage === 'query') options.qs = clean;
	else {
		options.body = clean;
		options.headers = {
			'Content-Type': carriage === 'json' ? 'application/json' : 'application/x-www-form-urlencoded',
		};
	}
	return await t.request(options, itemIndex);
}
