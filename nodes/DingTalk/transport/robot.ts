/**
 * DingTalk robots: the custom group robot's webhook (自定义机器人, its own credential and signing),
 * the session webhook a robot callback carries (sessionWebhook, used by Reply), and the signature of
 * a robot callback (checked by the DingTalk Trigger). The answers of both webhooks are HTTP 200 with
 * `errcode`/`errmsg`; 0 = accepted.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IExecuteFunctions } from 'n8n-workflow';
import { isObject, unexpectedAnswer } from '../../common/answers';
import type { CodeTable } from '../../common/errors';
import type { RunOptions } from '../../common/run';
import type { PlatformClient, PlatformResponse, Verdict } from '../../common/transport';
import { dingTalkClient } from './index';

export const GROUP_ROBOT_CREDENTIAL = 'dingTalkGroupRobotApi';

/** DingTalk: 20 messages a minute per robot; above it the robot is throttled for 10 minutes. */
export const ROBOT_PER_MINUTE = 20;
export const ROBOT_WINDOW_SECONDS = 60;
/** Observed limit of a robot message (errcode 460101 "message too long, exceed 20000 bytes"); not in DingTalk's documents. */
export const ROBOT_MAX_BYTES = 20000;
/** A callback's timestamp may differ from the receiver's clock by at most one hour (also the signing tolerance). */
export const SIGN_TOLERANCE_MS = 3600_000;

/**
 * The signature DingTalk defines for robots, both directions: Base64(HmacSHA256(key = secret,
 * data = timestamp + "\n" + secret)), UTF-8, timestamp in milliseconds. A webhook request carries it
 * URL-encoded once as the `sign` query value (URLSearchParams / n8n's qs encode it exactly once); a
 * robot callback carries it unencoded in the `sign` header.
 */
export function robotSign(secret: string, timestamp: string): string {
	return createHmac('sha256', secret).update(`${timestamp}\n${secret}`, 'utf8').digest('base64');
}

/** Why a robot callback's `timestamp` and `sign` headers do not prove it came from DingTalk, or undefined when they do. */
export function callbackProblem(
	timestamp: unknown,
	sign: unknown,
	appSecret: string,
	now = Date.now(),
): { status: 401 | 403; reason: string } | undefined {
	if (typeof timestamp !== 'string' || timestamp === '' || typeof sign !== 'string' || sign === '') {
		return { status: 401, reason: 'the request has no timestamp and sign headers' };
	}
	if (!/^\d{10,16}$/.test(timestamp)) return { status: 403, reason: 'the timestamp header is not a time in milliseconds' };
	if (Math.abs(now - Number(timestamp)) > SIGN_TOLERANCE_MS) {
		return { status: 403, reason: 'the timestamp is more than one hour away from this server\'s clock' };
	}
	const expected = Buffer.from(robotSign(appSecret, timestamp));
	const given = Buffer.from(sign);
	if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
		return { status: 403, reason: 'the sign header does not match the AppSecret of the credential' };
	}
	return undefined;
}

/**
 * The access token in what the credential holds: the whole webhook address DingTalk shows
 * (https://oapi.dingtalk.com/robot/send?access_token=…) or the token alone; undefined when it is
 * neither (robotTokenProblem says why).
 */
export function robotAccessToken(value: unknown): string | undefined {
	const text = typeof value === 'string' ? value.trim() : '';
	if (/^https?:\/\//i.test(text)) {
		try {
			return new URL(text).searchParams.get('access_token') || undefined;
		} catch {
			return undefined;
		}
	}
	return /^[A-Za-z0-9_-]+$/.test(text) ? text : undefined;
}

/** Why the credential's Webhook URL or Access Token field gives no access token, or undefined. */
export function robotTokenProblem(value: unknown): string | undefined {
	if (robotAccessToken(value) !== undefined) return undefined;
	const text = typeof value === 'string' ? value.trim() : '';
	if (text === '') return 'The credential has no Webhook URL or access token';
	if (/^https?:\/\//i.test(text)) {
		return "The Webhook URL in the credential has no access_token parameter (copy the whole address from the robot's settings)";
	}
	return 'The access token in the credential may contain only letters, digits, "-" and "_" (or paste the whole Webhook URL)';
}

/** What is wrong with a robot credential's fields (checked by its Test button), or undefined. */
export function groupRobotCredentialProblem(data: Record<string, unknown>): string | undefined {
	const tokenProblem = robotTokenProblem(data.webhookToken);
	if (tokenProblem) return tokenProblem;
	const secret = typeof data.secret === 'string' ? data.secret.trim() : '';
	if (secret && !secret.startsWith('SEC')) {
		return 'The Signing Secret is the string starting with "SEC" shown under 加签 (Signing) in the robot\'s security settings';
	}
	const base = typeof data.baseUrl === 'string' ? data.baseUrl.trim() : '';
	if (!/^https?:\/\/[^\s/]+/i.test(base)) return 'The Base URL must be an http:// or https:// address';
	return undefined;
}

const SECURITY =
	"The robot's security settings (DingTalk group > Group Settings > Robots (机器人) > this robot > Security Settings (安全设置))";

/** DingTalk's robot webhook codes (the custom-robot page's table, and codes observed from the live service). */
export const ROBOT_CODES: CodeTable = {
	'-1': { meaning: 'DingTalk is busy', hint: 'The message was resent (with the same msgUuid, so DingTalk posts it once); DingTalk stayed busy. Try again later.' },
	'40035': { meaning: 'The message body is missing', hint: 'This is a bug of the node: please report it.' },
	'43004': { meaning: 'Invalid Content-Type header', hint: 'This is a bug of the node: please report it.' },
	'400013': { meaning: 'The group has been dissolved', hint: 'Add a robot to another group and use its webhook.' },
	'400101': { meaning: 'The access token does not exist', hint: 'Copy the Webhook URL again from the robot\'s settings in the group (the robot may have been removed and added again).' },
	'400102': { meaning: 'The robot is disabled', hint: 'A group admin can enable it again in Group Settings > Robots.' },
	'400105': { meaning: 'Unsupported message type', hint: 'A group robot sends text, markdown, link, actionCard and feedCard.' },
	'400106': { meaning: 'The robot does not exist (it is not in the group any more)', hint: 'Add the robot to the group again and copy its new Webhook URL.' },
	'300001': {
		meaning: 'The robot refused the request (unknown token or a malformed message)',
		hint: 'Copy the Webhook URL again from the robot\'s settings; if it is right, check the message fields.',
	},
	'300005': { meaning: 'The access token does not exist', hint: 'Copy the Webhook URL again from the robot\'s settings in the group.' },
	'310000': {
		meaning: "The robot's security check refused the message (custom keywords, signature or IP address)",
		hint: `Check ${SECURITY}: with Custom Keywords (自定义关键词) the message must contain one of them; with Signing (加签) the credential's Signing Secret must be the SEC… string shown there and this server's clock right within an hour; with an IP whitelist (IP地址（段）) the n8n server's public egress IP must be on it.`,
	},
	'410100': {
		meaning: 'Sending too fast: DingTalk throttles this robot (more than 20 messages a minute throttles it for 10 minutes)',
		hint: 'Nothing was resent. Keep Options > Messages per Minute at 20 or below, combine alerts into one Markdown message, or spread them over several robots; the throttle ends after about 10 minutes.',
	},
	'130101': { meaning: 'Sending too fast (more than 20 messages a minute)', hint: 'Keep Options > Messages per Minute at 20 or below; the robot is throttled for about 10 minutes.' },
	'660026': { meaning: 'Sending too many messages per minute', hint: 'Keep Options > Messages per Minute at 20 or below; the robot is throttled for about 10 minutes.' },
	'430101': { meaning: 'The message contains an unsafe link', hint: 'DingTalk blocked the content; change the links.' },
	'430102': { meaning: 'The message contains inappropriate text', hint: 'DingTalk blocked the content.' },
	'430103': { meaning: 'The message contains an inappropriate image', hint: 'DingTalk blocked the content.' },
	'430104': { meaning: 'The message contains inappropriate content', hint: 'DingTalk blocked the content.' },
	'460101': {
		meaning: 'The message is too long (DingTalk takes at most 20,000 bytes)',
		hint: 'Shorten the message or split it; Options > Size Limit (Bytes) makes the node refuse such messages before sending.',
	},
	'101002': { meaning: 'The message is too long', hint: 'Shorten the message or split it.' },
};

/** The session webhook's codes: the robot codes, and an expired or unknown session. */
export const SESSION_CODES: CodeTable = {
	...ROBOT_CODES,
	'300001': {
		meaning: 'The session webhook has expired or does not exist',
		hint: 'A sessionWebhook is valid for about 90 minutes after the message (sessionWebhookExpiredTime). Reply sooner, or send with the app robot instead.',
	},
};

/** Codes of a robot that is throttled: never resent (the throttle lasts 10 minutes). */
export const ROBOT_RATE_CODES = ['410100', '130101', '660026'];

/** The most likely cause of a 310000, from DingTalk's text (old English or current Chinese form). */
export function securityHint(errmsg: string | undefined): string | undefined {
	const text = errmsg ?? '';
	if (/keyword|关键词/i.test(text)) {
		return `The message contains none of the robot's custom keywords. See the keywords in ${SECURITY} > Custom Keywords (自定义关键词) and put one in the message text (for Markdown and cards, also in the title if you like).`;
	}
	if (/sign|签名/i.test(text)) {
		return `The signature did not match. The credential's Signing Secret must be the SEC… string shown under Signing (加签) in ${SECURITY}; it changes when signing is reset. Leave it empty for a robot without signing.`;
	}
	if (/timestamp|时间戳/i.test(text)) {
		return "The timestamp was refused: this server's clock must be within one hour of the real time (check NTP on the n8n server).";
	}
	if (/\bip\b|白名单/i.test(text)) {
		return `The n8n server's public egress IP is not on the robot's IP whitelist. Add it in ${SECURITY} > IP Address (IP地址（段）), or remove the whitelist.`;
	}
	return undefined;
}

/** Classifies a robot webhook answer (group robot or session webhook). */
export function judgeRobot(response: PlatformResponse): Verdict {
	const body = response.body;
	if (!isObject(body) || body.errcode === undefined || body.errcode === null) {
		return unexpectedAnswer(response, 'a DingTalk robot webhook', 'Check the Base URL and the Webhook URL in the credential (https://oapi.dingtalk.com).');
	}
	const code = String(body.errcode);
	if (Number(code) === 0) return { ok: true };
	const text = typeof body.errmsg === 'string' ? body.errmsg : undefined;
	if (code === '-1') return { ok: false, kind: 'retry', code, text };
	if (code === '310000') return { ok: false, kind: 'error', code, text, hint: securityHint(text) };
	return { ok: false, kind: 'error', code, text };
}

/** A session webhook's answer: as a robot's, but "busy" is not resent (a session webhook documents no msgUuid to make a resend safe). */
export function judgeSession(response: PlatformResponse): Verdict {
	const verdict = judgeRobot(response);
	if (verdict.ok || verdict.kind !== 'retry') return verdict;
	return {
		...verdict,
		kind: 'error',
		hint: 'DingTalk was busy. The reply was not resent, so that it cannot be posted twice; run again if it did not arrive.',
	};
}

/**
 * The pace of a group robot run: "Messages per Minute" spread evenly over the window, with a safety
 * margin (5 % of the window, at least half a second) so that network delays never squeeze more than
 * the limit into one window as DingTalk counts it.
 */
export function robotPace(ctx: IExecuteFunctions): RunOptions {
	let perWindow = Number(ctx.getNodeParameter('options.messagesPerMinute', 0, ROBOT_PER_MINUTE));
	if (!Number.isFinite(perWindow) || perWindow <= 0) perWindow = ROBOT_PER_MINUTE;
	let windowSeconds = Number(ctx.getNodeParameter('options.rateWindowSeconds', 0, ROBOT_WINDOW_SECONDS));
	if (!Number.isFinite(windowSeconds) || windowSeconds <= 0) windowSeconds = ROBOT_WINDOW_SECONDS;
	return { concurrency: 1, ratePerSecond: perWindow / robotPaceWindowSeconds(windowSeconds) };
}

/** The window the node spreads its messages over: DingTalk's window plus the safety margin. */
export function robotPaceWindowSeconds(windowSeconds: number): number {
	return windowSeconds + Math.max(windowSeconds * 0.05, 0.5);
}

/** The custom group robot (its own credential: webhook token, optional signing secret). */
export const groupRobotClient: PlatformClient = {
	platform: 'DingTalk group robot',
	credentialType: GROUP_ROBOT_CREDENTIAL,
	codes: ROBOT_CODES,
	secretFields: ['webhookToken', 'secret'],
	judge: (response) => judgeRobot(response),
	// Only "busy" (-1) is resent, with the same msgUuid: DingTalk documents msgUuid for exactly this.
	retry: { attempts: 3, delayMs: 1000 },
	pace: (ctx) => robotPace(ctx),
};

/**
 * Replies through a callback's session webhook with the app's credential (DingTalk API): the app's
 * client, judged as a robot webhook. The session webhook needs no token; the credential's token
 * travels along harmlessly, and only to DingTalk's own address (Reply checks the host first).
 */
export function asSessionClient(base: PlatformClient): PlatformClient {
	const forCredentials = base.forCredentials;
	return {
		...base,
		codes: SESSION_CODES,
		judge: (response) => judgeSession(response),
		retry: undefined,
		pace: undefined,
		forCredentials: forCredentials ? (credentials) => asSessionClient(forCredentials(credentials)) : undefined,
	};
}

export const sessionClient: PlatformClient = asSessionClient(dingTalkClient);
