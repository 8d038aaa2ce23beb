import type { IDataObject } from 'n8n-workflow';
import { isObject, unexpectedAnswer } from '../../common/answers';
import type { CodeTable } from '../../common/errors';
import type { PlatformClient, PlatformResponse, Route, Verdict } from '../../common/transport';

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

/** Every interface of the document this node calls, with how its parameters travel. */
export const ROUTES = {
	send: { method: 'POST', path: '/message/sendMessageApi', carry: 'form' },
	sendSms: { method: 'POST', path: '/message/sendMessageBySMSApi', carry: 'form' },
	sendCard: { method: 'POST', path: '/message/cardMessage', carry: 'json' },
	getProgress: { method: 'POST', path: '/message/getProgress', carry: 'form' },
	getReplies: { method: 'POST', path: '/message/replyMessage', carry: 'form' },
	confirmTodo: { method: 'POST', path: '/message/checkMessageStatusApi', carry: 'form' },
	listAccounts: { method: 'POST', path: '/message/getPublicList', carry: 'query' },
	listTemplates: { method: 'POST', path: '/message/getTemplateList', carry: 'query' },
	sendTemplate: { method: 'POST', path: '/message/sendTemplateApi', carry: 'json' },
	userMessageCount: { method: 'POST', path: '/api/message/user/count', carry: 'form' },
	userMessages: { method: 'POST', path: '/api/message/user/list', carry: 'form' },
} as const satisfies Record<string, Route>;

/** Every answer of the platform: rspCode, rspMsg and the interface's resultData. */
export interface VanytechAnswer<T = IDataObject> {
	rspCode: string;
	rspMsg?: string;
	resultData: T;
}

/** Interfaces whose success code is "1" instead of "000000" (table 4-1-2). */
const SUCCESS_ONE: string[] = [ROUTES.sendSms.path];

export function judgeVanytech(response: PlatformResponse, url: string): Verdict {
	const body = response.body;
	if (response.statusCode >= 400 || !isObject(body) || body.rspCode === undefined) {
		return unexpectedAnswer(
			response,
			'a Vanytech Message Center',
			'Check the Base URL in the credential (the 接口域名 of the API access form).',
		);
	}
	const code = String(body.rspCode);
	const accepted = code === '000000' || (code === '1' && SUCCESS_ONE.some((p) => url.endsWith(p)));
	if (accepted) {
		// A WeChat template message is answered 000000 with resultData.status "1" when WeChat refused it.
		const result = isObject(body.resultData) ? body.resultData : {};
		if (url.endsWith(ROUTES.sendTemplate.path) && String(result.status) === '1') {
			return {
				ok: false,
				kind: 'error',
				code: 'status 1',
				meaning: 'WeChat did not deliver the template message',
				text: result.info === undefined ? undefined : String(result.info),
				hint: 'The receiver may not follow the official account, or WeChat refused the message. Nothing was retried.',
			};
		}
		return { ok: true };
	}
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
	omitEmptyText: true,
	judge: (response, request) => judgeVanytech(response, request.url),
};
