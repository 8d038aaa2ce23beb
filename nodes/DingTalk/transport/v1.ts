/**
 * DingTalk's new APIs on api.dingtalk.com (paths /v1.0/...): the request helper (path parameters,
 * query, JSON body) and how their answers are judged.
 *
 * A success is any 2xx answer with a JSON object. A failure is a non-2xx HTTP status with
 * {"code", "message", "requestid"} (DingTalk's global error table and each API's table):
 * - HTTP 400 InvalidAuthentication (不合法的access_token) or HTTP 401: the token was refused ->
 *   renew once and resend once;
 * - HTTP 403 Forbidden.AccessDenied.Qps/QpmLimit... and HTTP 429 (system.busy): rate limits ->
 *   wait and resend (the request was certainly not taken); the robot's send.too.fast and
 *   send.byToken.tooFast and todo's flowControlError likewise;
 * - anything else (system.error 500 and unknown.send.result included, which may have been
 *   processed) is reported, never resent.
 */
import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';
import { isObject, unexpectedAnswer } from '../../common/answers';
import type { CodeTable } from '../../common/errors';
import type { PlatformResponse, Route, Transport, Verdict } from '../../common/transport';

/** True for a path of the new APIs on api.dingtalk.com. */
export function isNewApiPath(url: string | undefined): boolean {
	return typeof url === 'string' && url.startsWith('/v1.0/');
}

const CONSOLE = 'DingTalk developer console (open-dev.dingtalk.com) > your app';

/** Codes meaning "rate-limited, not taken: wait and resend". */
export const V1_RETRY_CODES = [
	'Forbidden.AccessDenied.QpsLimitForAppkeyAndApi',
	'Forbidden.AccessDenied.QpmLimitForAppkeyAndApi',
	'Forbidden.AccessDenied.QpsLimitForApi',
	'system.busy',
	'systemBusy',
	'send.too.fast',
	'send.byToken.tooFast',
	'todo.taskCreate.flowControlError',
];

/** The new APIs' error codes, explained. */
export const V1_CODES: CodeTable = {
	InvalidAuthentication: {
		meaning: 'The access token was refused',
		hint: "The token was renewed and the request resent once; DingTalk still refused it. Check the credential; with Access Token From \"Classic (/gettoken)\" try \"New API\", whose token DingTalk documents for both hosts.",
	},
	'AuthenticationFailed.MissingParameter': { meaning: 'The request carried no x-acs-dingtalk-access-token header', hint: 'Check the New API Base URL in the credential (https://api.dingtalk.com).' },
	'Forbidden.AccessDenied.AccessTokenPermissionDenied': { meaning: 'The app has no permission to call this API' },
	'Forbidden.AccessDenied.IpNotInWhiteList': {
		meaning: "This server's IP address is not on the app's trusted-IP list",
		hint: `Add the n8n server's egress IP in the ${CONSOLE} > Development Management (开发管理) > Server Egress IP.`,
	},
	'Forbidden.AccessDenied.ApiCountLimitForOrg': { meaning: "The organization's monthly API quota is used up", hint: 'Standard-edition organizations may make 5,000 calls a month; calls work again next month or after upgrading.' },
	'Forbidden.AccessDenied.QpsLimitForAppkeyAndApi': { meaning: 'Rate limit: too many calls of this API per second for this app', hint: 'The request was resent with a growing pause. Lower Requests Per Second.' },
	'Forbidden.AccessDenied.QpmLimitForAppkeyAndApi': { meaning: 'Rate limit: too many calls of this API per minute for this app', hint: 'The request was resent with a growing pause. Lower Requests Per Second.' },
	'Forbidden.AccessDenied.QpsLimitForApi': { meaning: 'DingTalk temporarily blocks all calls of this API (global rate limit)', hint: 'The request was resent with a growing pause. Try again later.' },
	'system.busy': { meaning: 'DingTalk is busy (too many requests)', hint: 'The request was resent with a growing pause. Try again later.' },
	'system.error': { meaning: 'DingTalk system error', hint: 'The request may or may not have been processed; it was not resent. Check before running again.' },
	'unknown.send.result': { meaning: 'DingTalk does not know whether the message was sent', hint: 'It may have been delivered; it was not resent, so that nobody gets it twice.' },
	'send.too.fast': { meaning: 'The robot sends too fast', hint: 'The message was resent with a growing pause and was still refused. Lower Requests Per Second.' },
	'send.byToken.tooFast': { meaning: 'Too many robot messages with this token', hint: 'The message was resent with a growing pause and was still refused. Lower Requests Per Second.' },
	'invalidParameter.robotCode.notExsit': { meaning: 'No such robot in the organization', hint: 'The Robot Code of an internal app robot is its AppKey; the robot must be published (应用能力 > 机器人).' },
	'invalidParameter.robotCode.invalid': { meaning: 'Invalid Robot Code', hint: 'The Robot Code of an internal app robot is its AppKey; the robot must be published.' },
	'invalidParameter.robotCode': { meaning: 'No such robot (or it is not in this group)', hint: 'Check the Robot Code and that the robot was added to the group.' },
	'invalidParameter.robotCode.auth': { meaning: 'The Robot Code does not belong to this app', hint: "Use the robot of the credential's app (its AppKey)." },
	'invalidParameter.robotCode.coolApp': { meaning: 'The cool app code is missing, invalid or does not match the robot', hint: 'A robot installed in the group through a cool app needs its Cool App Code (Options).' },
	'invalidParameter.userIds.overMax': { meaning: 'Too many users', hint: 'Send to at most 20 users per call (split the list over several items).' },
	'invalidParameter.msgKey.invalid': { meaning: 'Unknown message type (msgKey)' },
	'invalidParameter.msgParam.invalid': { meaning: 'The message parameters (msgParam) are not valid JSON text' },
	'invalidParameter.msgParam.tooLong': { meaning: 'The message is too long', hint: 'DingTalk allows at most 15,000 bytes of msgParam.' },
	'invalidParameter.processQueryKeys.overMax': { meaning: 'Too many message keys', hint: 'Recall at most 20 messages per call.' },
	'invalid.processQueryKey': { meaning: 'Unknown message key (processQueryKey)', hint: 'Use the processQueryKey a send returned, with the same Robot Code.' },
	'processQueryKey.expireTime': { meaning: 'The read status is not ready yet or has expired', hint: 'Read status is available shortly after the send and for 24 hours.' },
	'robot.processQueryKey.expired': { meaning: 'The message is older than 24 hours and cannot be recalled' },
	'not.allowed.robotCode': { meaning: 'This robot did not send the message', hint: 'Recall with the Robot Code that sent it.' },
	'notRevoke.all.messages': { meaning: 'Not every message could be recalled' },
	'invalid.openConversationId': { meaning: 'Unknown group conversation (openConversationId)', hint: 'Use the openConversationId of a group the robot was added to (for example the conversationId of a robot callback).' },
	'miss.openConversationId': { meaning: 'The group conversation ID is missing' },
	'group.disbanded': { meaning: 'The group was disbanded' },
	'bot.stopped': { meaning: 'The robot was disabled in this group' },
	'todo.taskCreate.paramError': { meaning: 'DingTalk refused a todo field', hint: 'The platform message names it (for example "task exist": the Source ID was used before).' },
	'todo.taskUpdate.paramError': { meaning: 'DingTalk refused the todo update', hint: '"task not exist": wrong Task ID; "task not belong to bizTag": the task was not created by this app.' },
	'todo.taskExecutorStatusUpdate.paramError': { meaning: 'DingTalk refused the executor status', hint: '"task not exist": wrong Task ID; "task not belong to bizTag": the task was not created by this app.' },
	'todo.taskDelete.paramError': { meaning: 'DingTalk refused to delete the todo', hint: '"task not exist": wrong Task ID or already deleted.' },
	'todo.taskCreate.flowControlError': { meaning: 'Todo flow control (too many todos for an executor or the organization)', hint: 'The request was resent with a growing pause and was still refused. Try again later.' },
	'todo.taskCreate.tokenTypeError': { meaning: 'The token type does not match this todo API', hint: 'Todo operations need an internal app credential.' },
};

/** The permission a new-API route needs (Permission Management, 权限管理). */
export function v1Permission(url: string): string | undefined {
	if (url.startsWith('/v1.0/robot/')) return 'qyapi_robot_sendmsg (企业内机器人发送消息权限)';
	if (url.startsWith('/v1.0/todo/')) return 'Todo.Todo.Write (待办应用中待办写权限)';
	return undefined;
}

/** Classifies one answer of a new API. */
export function judgeV1(response: PlatformResponse, url: string): Verdict {
	const { statusCode, body } = response;
	if (statusCode >= 200 && statusCode < 300) {
		return isObject(body) ? { ok: true } : unexpectedAnswer(response, 'DingTalk', 'Check the New API Base URL in the credential (https://api.dingtalk.com).');
	}
	if (!isObject(body) || typeof body.code !== 'string') {
		if (statusCode === 401) return { ok: false, kind: 'token', code: 'HTTP 401' };
		if (statusCode === 429) return { ok: false, kind: 'retry', code: 'HTTP 429' };
		return unexpectedAnswer(response, 'DingTalk', 'Check the New API Base URL in the credential (https://api.dingtalk.com).');
	}
	const code = body.code;
	const text = typeof body.message === 'string' ? body.message : undefined;
	if (code === 'InvalidAuthentication' || statusCode === 401) return { ok: false, kind: 'token', code, text };
	if (statusCode === 429 || V1_RETRY_CODES.includes(code)) return { ok: false, kind: 'retry', code, text };
	if (code === 'Forbidden.AccessDenied.AccessTokenPermissionDenied') {
		const permission = v1Permission(url);
		return {
			ok: false,
			kind: 'error',
			code,
			text,
			hint: `Grant the app ${permission ? `the permission ${permission}` : 'the permission this API needs'} in the ${CONSOLE} > Permission Management (权限管理), then publish the app again.`,
		};
	}
	return { ok: false, kind: 'error', code, text };
}

/** A new-API request: values for the route's {placeholders}, the URL query, a JSON body. */
export interface V1Request {
	path?: Record<string, string>;
	query?: IDataObject;
	body?: IDataObject;
}

function defined(values: IDataObject): IDataObject {
	const out: IDataObject = {};
	for (const [k, v] of Object.entries(values)) if (v !== undefined) out[k] = v;
	return out;
}

/** Calls a new-API route (its path starts with /v1.0/) and returns DingTalk's accepted answer. */
export async function callV1<T = IDataObject>(t: Transport, route: Route, request: V1Request = {}, itemIndex?: number): Promise<T> {
	const url = route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
		const value = request.path?.[name];
		if (value === undefined || value === '') throw new Error(`${route.path}: no value for {${name}}`);
		return encodeURIComponent(value);
	});
	const options: IHttpRequestOptions = { method: route.method, url, json: true };
	if (request.query) options.qs = defined(request.query);
	if (request.body) {
		options.body = defined(request.body);
		options.headers = { 'Content-Type': 'application/json' };
	}
	return await t.request<T>(options, itemIndex);
}
