import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { isObject, unexpectedAnswer } from '../../common/answers';
import type { CodeTable } from '../../common/errors';
import type { RunOptions } from '../../common/run';
import type { PlatformClient, PlatformResponse, Route, Verdict } from '../../common/transport';
import { isNewApiPath, judgeV1, V1_CODES } from './v1';

/**
 * Every DingTalk server API this package calls. The topapi calls are POSTs with a JSON body (the
 * credential adds access_token to the URL); gettoken is the credential's token exchange.
 */
export const ROUTES = {
	gettoken: { method: 'GET', path: '/gettoken', carry: 'query' },
	asyncsend: { method: 'POST', path: '/topapi/message/corpconversation/asyncsend_v2' },
	sendbytemplate: { method: 'POST', path: '/topapi/message/corpconversation/sendbytemplate' },
	getsendprogress: { method: 'POST', path: '/topapi/message/corpconversation/getsendprogress' },
	getsendresult: { method: 'POST', path: '/topapi/message/corpconversation/getsendresult' },
	recall: { method: 'POST', path: '/topapi/message/corpconversation/recall' },
	statusBarUpdate: { method: 'POST', path: '/topapi/message/corpconversation/status_bar/update' },
	impaasSend: { method: 'POST', path: '/topapi/dingtalk/impaas/message/crossdomain/send' },
	// Robots (transport/robot.ts): the custom group robot's webhook, on the Base URL of its own credential.
	robotSend: { method: 'POST', path: '/robot/send' },
	// Tokens (the credential), contacts (pick-lists, user IDs to union IDs), app robot and todo.
	// Paths starting /v1.0/ are the new APIs on api.dingtalk.com (token in a header, see token.ts).
	v1Token: { method: 'POST', path: '/v1.0/oauth2/accessToken' },
	corpToken: { method: 'POST', path: '/service/get_corp_token' },
	jsapiTicket: { method: 'GET', path: '/get_jsapi_ticket' },
	userGet: { method: 'POST', path: '/topapi/v2/user/get' },
	departmentListSub: { method: 'POST', path: '/topapi/v2/department/listsub' },
	userListSimple: { method: 'POST', path: '/topapi/user/listsimple' },
	robotOtoSend: { method: 'POST', path: '/v1.0/robot/oToMessages/batchSend' },
	robotOtoReadStatus: { method: 'GET', path: '/v1.0/robot/oToMessages/readStatus' },
	robotOtoRecall: { method: 'POST', path: '/v1.0/robot/otoMessages/batchRecall' },
	robotGroupSend: { method: 'POST', path: '/v1.0/robot/groupMessages/send' },
	robotGroupRecall: { method: 'POST', path: '/v1.0/robot/groupMessages/recall' },
	todoCreate: { method: 'POST', path: '/v1.0/todo/users/{unionId}/tasks' },
	todoGet: { method: 'GET', path: '/v1.0/todo/users/{unionId}/tasks/{taskId}' },
	todoUpdate: { method: 'PUT', path: '/v1.0/todo/users/{unionId}/tasks/{taskId}' },
	todoExecutorStatus: { method: 'PUT', path: '/v1.0/todo/users/{unionId}/tasks/{taskId}/executorStatus' },
	todoDelete: { method: 'DELETE', path: '/v1.0/todo/users/{unionId}/tasks/{taskId}' },
} as const satisfies Record<string, Route>;

/** Codes meaning "the token was refused" (also as the sub_code of errcode 88). */
export const TOKEN_CODES = ['40014', '42001', '40001'];
/** Code meaning "busy, not accepted": resent after a growing pause. */
export const BUSY_CODES = ['-1'];
/** The rate limits (not accepted): resent when the rate window has room again. */
export const RATE_CODES = ['90002', '90018', '90019'];

const CONSOLE = 'DingTalk developer console (open-dev.dingtalk.com) > your app';

/** DingTalk's error codes (global table and the per-API tables), explained. */
export const DINGTALK_CODES: CodeTable = {
	'-1': { meaning: 'DingTalk is busy', hint: 'The request was resent with a growing pause; DingTalk stayed busy. Try again later.' },
	'22': { meaning: 'Unknown API (invalid method)', hint: 'Check the Base URL in the credential: it must be the oapi address, e.g. https://oapi.dingtalk.com.' },
	'88': { meaning: 'DingTalk gateway error', hint: 'See the sub_code in the platform message.' },
	'500': { meaning: 'DingTalk system error', hint: 'An unknown error on DingTalk\'s side. Try again later.' },
	'40001': { meaning: 'Wrong AppSecret or invalid access token', hint: 'Check the AppKey and AppSecret in the credential.' },
	'40008': { meaning: 'Invalid message type', hint: 'Use one of text, image, voice, file, link, oa, markdown, action_card.' },
	'40014': { meaning: 'Invalid access token', hint: 'The token was renewed and the request resent once; DingTalk still refused it. Check the credential.' },
	'40032': { meaning: 'Too many user IDs', hint: 'Send to at most 100 users per call (split the list over several items).' },
	'40035': { meaning: 'Invalid parameter (for example a wrong task ID or agent ID)', hint: 'Check the Agent ID and the Task ID (a task ID is valid for the agent that sent it, within 24 hours for progress and result).' },
	'40056': { meaning: 'Invalid agent ID', hint: `Use the AgentId shown in the ${CONSOLE} > Credentials and Basic Information.` },
	'40066': { meaning: 'Invalid department list', hint: 'Check the department IDs (at most 20 per work notification).' },
	'40089': { meaning: 'Invalid AppKey or AppSecret', hint: 'Check the credential.' },
	'41052': {
		meaning: 'Too many receivers for this operation, or the send has not finished',
		hint: 'DingTalk returns results only for sends to at most 100 people, and only once the send is complete: check Get Progress first.',
	},
	'42001': { meaning: 'Access token expired', hint: 'The token was renewed and the request resent once; DingTalk still refused it.' },
	'45002': { meaning: 'Message content too long', hint: 'The msg may be at most 2048 bytes (markdown text 5000 characters).' },
	'47001': { meaning: 'DingTalk could not parse the JSON' },
	'60011': { meaning: 'The application has no permission to call this API' },
	'60020': {
		meaning: "This server's IP address is not on the app's trusted-IP list",
		hint: `Add the n8n server's egress IP in the ${CONSOLE} > Development Management (开发管理) > Server Egress IP.`,
	},
	'90002': { meaning: 'DingTalk temporarily blocks all calls of this API (global rate limit)', hint: 'The request was resent each time the rate window had room. Lower Requests Per Second or try again later.' },
	'90018': {
		meaning: 'Rate limit: too many calls of this API per second for this app',
		hint: 'The request was resent each time the rate window had room. An internal app may make 20 calls per second in all: with several n8n processes or workflows on other machines using the same app, give each a share of it in Requests Per Second.',
	},
	'90019': { meaning: 'Rate limit: too many calls of this API per second for this organization (third-party app)', hint: 'The request was resent each time the rate window had room. Lower Requests Per Second.' },
	'90020': { meaning: 'The organization\'s monthly API quota is used up', hint: 'Check the usage in the developer console (资源管理 > 用量明细); calls work again next month or after upgrading.' },
	'400002': { meaning: 'Invalid agent ID or task ID', hint: 'Check both. A work notification can be recalled only within 24 hours.' },
	'400402': { meaning: 'A parameter is missing or malformed', hint: 'The platform message names the parameter.' },
	'885001': { meaning: 'The message template does not exist', hint: 'Check the Template ID (developer console > your app > Development Management > message templates).' },
	'885006': { meaning: 'The message template is not available', hint: 'The template must be approved and enabled before it can be used.' },
	// Contacts (pick-lists and user IDs).
	'33012': { meaning: 'Invalid user ID', hint: 'No such user in the organization (or outside the app\'s contacts scope).' },
	'60003': { meaning: 'Department not found', hint: 'Check the department ID (the root department is 1).' },
	'40068': { meaning: 'Invalid cursor' },
	'40069': { meaning: 'Invalid page size' },
};

/** The read permissions of the contacts APIs (pick-lists, user IDs to union IDs). */
const CONTACT_PERMISSIONS: Record<string, string> = {
	[ROUTES.departmentListSub.path]: 'qyapi_get_department_list (通讯录部门信息读权限)',
	[ROUTES.userListSimple.path]: 'qyapi_get_department_member (通讯录部门成员读权限)',
	[ROUTES.userGet.path]: 'qyapi_get_member (成员信息读权限)',
};

/** Which permission an operation needs, for the answer 88 / 60011 (no permission). */
export function permissionHint(url: string): string {
	const contacts = CONTACT_PERMISSIONS[url];
	if (contacts) return `Grant the app the contacts permission ${contacts} in the ${CONSOLE} > Permission Management (权限管理).`;
	if (url.endsWith(ROUTES.impaasSend.path)) {
		return (
			'Cross-domain interop messages (IMPaaS 互通消息) are a special capability that DingTalk enables per app on request; ' +
			`it cannot be switched on in the console by yourself. Ask DingTalk (your account manager or open-platform support) to enable it for this AppKey, then check ${CONSOLE} > Permission Management (权限管理).`
		);
	}
	return (
		`Grant the app the basic permission for calling enterprise APIs (qyapi_base, 调用企业API基础权限) in the ${CONSOLE} > Permission Management (权限管理), ` +
		'and make sure the app is published and its visible range includes the receivers.'
	);
}

/** Classifies one DingTalk answer. Every topapi answer is HTTP 200 with errcode; 0 = success. */
export function judgeDingTalk(response: PlatformResponse, url: string): Verdict {
	const body = response.body;
	if (!isObject(body) || body.errcode === undefined || body.errcode === null) {
		if (isObject(body) && body.punish !== undefined) {
			return {
				ok: false,
				kind: 'error',
				code: 'IP blocked',
				meaning: "DingTalk blocked this server's IP address for calling too often (more than 10,000 calls in 20 seconds)",
				hint: 'The block lasts about 5 minutes. Lower Requests Per Second, then run again.',
			};
		}
		return unexpectedAnswer(response, 'DingTalk', 'Check the Base URL in the credential (https://oapi.dingtalk.com).');
	}
	const code = String(body.errcode);
	if (code === '0') return { ok: true };
	const text = typeof body.errmsg === 'string' ? body.errmsg : undefined;
	const sub = body.sub_code === undefined || body.sub_code === null ? '' : String(body.sub_code);
	if (TOKEN_CODES.includes(code) || (code === '88' && TOKEN_CODES.includes(sub))) {
		return { ok: false, kind: 'token', code: sub && code === '88' ? `88, sub_code ${sub}` : code, text };
	}
	if (RATE_CODES.includes(code)) return { ok: false, kind: 'rate', code, text };
	if (BUSY_CODES.includes(code)) return { ok: false, kind: 'retry', code, text };
	if (code === '88' && sub) {
		const info = DINGTALK_CODES[sub];
		const subMsg = typeof body.sub_msg === 'string' ? body.sub_msg : '';
		return {
			ok: false,
			kind: 'error',
			code: `88, sub_code ${sub}`,
			text: text ?? subMsg,
			meaning: info?.meaning ?? (subMsg ? `DingTalk gateway error (${subMsg})` : 'DingTalk gateway error'),
			hint: sub === '60011' ? permissionHint(url) : info?.hint,
		};
	}
	if (code === '60011') return { ok: false, kind: 'error', code, text, hint: permissionHint(url) };
	return { ok: false, kind: 'error', code, text };
}

/** DingTalk allows an internal app 20 calls per second per API. */
export const DEFAULT_RATE = 20;

/** Concurrency and rate of a run, from the first item's "Requests Per Second" option. */
export function paceOf(ctx: IExecuteFunctions): RunOptions {
	let rate = Number(ctx.getNodeParameter('options.requestsPerSecond', 0, DEFAULT_RATE));
	if (!Number.isFinite(rate) || rate <= 0) rate = DEFAULT_RATE;
	return { ratePerSecond: rate, concurrency: Math.min(50, Math.max(1, Math.ceil(rate))) };
}

export const dingTalkClient: PlatformClient = {
	platform: 'DingTalk',
	credentialType: 'dingTalkApi',
	codes: { ...DINGTALK_CODES, ...V1_CODES },
	token: { field: 'accessToken', expiresAtField: 'expiresAt' },
	secretFields: ['appSecret'],
	judge: (response, request) => (isNewApiPath(request.url) ? judgeV1(response, request.url) : judgeDingTalk(response, request.url)),
	// Busy answers: wait 1 s, 2 s, 4 s, 8 s, 16 s between resends (rate-limit answers wait for the window).
	retry: { attempts: 5, delayMs: 1000 },
	pace: (ctx) => paceOf(ctx),
};

/** The answer without errcode/errmsg (they only say "ok"). */
export function answerData(answer: IDataObject): IDataObject {
	const out: IDataObject = {};
	for (const [k, v] of Object.entries(answer)) if (k !== 'errcode' && k !== 'errmsg') out[k] = v;
	return out;
}
