/**
 * The internal app robot (企业内部应用机器人) on api.dingtalk.com, after DingTalk's pages
 * chatbots-send-one-on-one-chat-messages-in-batches, the-robot-sends-a-group-message,
 * chatbot-batch-query-the-read-status-of-messages, batch-message-recall-chat,
 * enterprise-chatbot-withdraws-internal-group-messages and robot-message-type (/tmp/research/dingtalk.md §2).
 *
 * - msgParam must be JSON *text* (a String), holding the parameters of its msgKey (catalogue below).
 * - batchSend: userIds 1..`otoMaxUserIds` (20); unknown users come back in invalidStaffIdList.
 * - groupMessages/send: the robot must be in the group; a group whose robot came through a cool app
 *   needs its coolAppCode; msgParam at most `groupMsgParamMaxBytes` (15000) bytes.
 * - processQueryKey: Base64 text (with "+", "/" and "="), so a readStatus query that is not
 *   URL-encoded does not find it.
 * - Read status and recall: 24 hours (`robotMaxAgeMs`); recall at most 20 keys, of this robot.
 * Undocumented choices [sim]: a msgParam without a parameter its msgKey needs -> 400
 * invalidParameter.msgParam.invalid naming it; a robot not in the group -> 400
 * invalidParameter.robotCode.notExsit; a recall of an unknown key -> invalid.processQueryKey (the
 * whole call), of another robot's key -> not.allowed.robotCode.
 */
import { randomBytes } from 'node:crypto';
import type { SimRequest } from './base';
import type { DingTalkSim } from './dingtalk';
import type { DingTalkApps } from './dingtalk-apps';
import { V1Reject } from './dingtalk-v1';

export const APP_ROBOT_ROUTES = {
	otoSend: 'POST /v1.0/robot/oToMessages/batchSend',
	otoReadStatus: 'GET /v1.0/robot/oToMessages/readStatus',
	otoRecall: 'POST /v1.0/robot/otoMessages/batchRecall',
	groupSend: 'POST /v1.0/robot/groupMessages/send',
	groupRecall: 'POST /v1.0/robot/groupMessages/recall',
} as const;

/** msgKey -> the msgParam keys it needs (robot-message-type, "方式一：接口方式"). */
export const MSG_KEYS: Record<string, string[]> = {
	sampleText: ['content'],
	sampleMarkdown: ['title', 'text'],
	sampleImageMsg: ['photoURL'],
	sampleLink: ['text', 'title', 'picUrl', 'messageUrl'],
	sampleActionCard: ['title', 'text', 'singleTitle', 'singleURL'],
	sampleActionCard2: ['title', 'text', 'actionTitle1', 'actionURL1', 'actionTitle2', 'actionURL2'],
	sampleActionCard3: ['title', 'text', ...[1, 2, 3].flatMap((n) => [`actionTitle${n}`, `actionURL${n}`])],
	sampleActionCard4: ['title', 'text', ...[1, 2, 3, 4].flatMap((n) => [`actionTitle${n}`, `actionURL${n}`])],
	sampleActionCard5: ['title', 'text', ...[1, 2, 3, 4, 5].flatMap((n) => [`actionTitle${n}`, `actionURL${n}`])],
	sampleActionCard6: ['title', 'text', 'buttonTitle1', 'buttonUrl1', 'buttonTitle2', 'buttonUrl2'],
	sampleAudio: ['mediaId', 'duration'],
	sampleFile: ['mediaId', 'fileName', 'fileType'],
	sampleVideo: ['duration', 'videoMediaId', 'videoType', 'picMediaId'],
};

export interface RobotMessage {
	processQueryKey: string;
	kind: 'oto' | 'group';
	appKey: string;
	robotCode: string;
	msgKey: string;
	msgParam: Record<string, unknown>;
	userIds: string[];
	openConversationId?: string;
	createdAt: number;
	polls: number;
	recalled: boolean;
}

function processQueryKey(): string {
	for (;;) {
		const key = randomBytes(25).toString('base64');
		if (key.includes('+') && key.includes('/')) return key;
	}
}

const bad = (code: string, message: string, reason: string) => new V1Reject(400, code, message, reason);

function text(body: Record<string, unknown>, key: string, code: string, message: string): string {
	const v = body[key];
	if (typeof v !== 'string' || v.trim() === '') throw bad(code, message, `${key} missing`);
	return v;
}

function readMessage(body: Record<string, unknown>, maxBytes = 0): { msgKey: string; msgParam: Record<string, unknown> } {
	const msgKey = text(body, 'msgKey', 'invalidParameter.msgKey.empty', '缺少msgKey');
	const needs = MSG_KEYS[msgKey];
	if (!needs) throw bad('invalidParameter.msgKey.invalid', 'msgKey无效', `msgKey ${msgKey} unknown`);
	const raw = body.msgParam;
	if (typeof raw !== 'string') throw bad('invalidParameter.msgParam.invalid', 'msgParam必须是json格式', 'msgParam is not JSON text');
	if (maxBytes > 0 && Buffer.byteLength(raw, 'utf8') > maxBytes) {
		throw bad('invalidParameter.msgParam.tooLong', '消息内容太长', `msgParam longer than ${maxBytes} bytes`);
	}
	let msgParam: unknown;
	try {
		msgParam = JSON.parse(raw);
	} catch {
		throw bad('invalidParameter.msgParam.invalid', 'msgParam必须是json格式', 'msgParam does not parse');
	}
	if (!msgParam || typeof msgParam !== 'object' || Array.isArray(msgParam)) {
		throw bad('invalidParameter.msgParam.invalid', 'msgParam必须是json格式', 'msgParam is not an object');
	}
	const param = msgParam as Record<string, unknown>;
	for (const key of needs) {
		const v = param[key];
		if (typeof v !== 'string' || v.trim() === '') {
			throw bad('invalidParameter.msgParam.invalid', `msgParam缺少${key}`, `msgParam of ${msgKey} needs "${key}" (text)`);
		}
	}
	return { msgKey, msgParam: param };
}

function robotOf(sim: DingTalkSim, body: Record<string, unknown> | Record<string, string>, appKey: string): string {
	const robotCode = body.robotCode;
	if (typeof robotCode !== 'string' || robotCode === '') throw bad('invalidParameter.robotCode.missing', '缺少robotCode', 'robotCode missing');
	const owner = sim.settings.appRobots[robotCode];
	if (owner === undefined) throw bad('invalidParameter.robotCode.notExsit', '机器人不存在', `robot ${robotCode} unknown`);
	if (owner !== appKey) throw bad('invalidParameter.robotCode.auth', '此应用appkey和机器人robotCode不匹配，请使用机器人应用的appkey', 'robot of another app');
	return robotCode;
}

function keysOf(body: Record<string, unknown>): string[] {
	const keys = body.processQueryKeys;
	if (!Array.isArray(keys) || keys.length === 0 || keys.some((k) => typeof k !== 'string' || k === '')) {
		throw bad('invalidParameter.processQueryKey.missing', '缺少processQueryKey', 'processQueryKeys missing or not a list of texts');
	}
	if (keys.length > 20) throw bad('invalidParameter.processQueryKeys.overMax', 'processQueryKeys超过数量上限20', `${keys.length} keys`);
	return keys as string[];
}

export function registerAppRobot(sim: DingTalkSim, apps: DingTalkApps): void {
	const messages = () => apps.robotMessages;
	const settings = () => sim.settings;

	const group = (body: Record<string, unknown>) => {
		const cid = body.openConversationId;
		if (typeof cid !== 'string' || cid === '') throw bad('miss.openConversationId', '缺少openConversationId', 'openConversationId missing');
		const g = settings().robotGroups[cid];
		if (!g) throw bad('invalid.openConversationId', '无效的openConversationId', `group ${cid} unknown`);
		return { cid, g };
	};

	const recall = (req: SimRequest, appKey: string, kind: 'oto' | 'group', cid?: string) => {
		const body = req.body ?? {};
		const robotCode = robotOf(sim, body, appKey);
		const keys = keysOf(body);
		for (const key of keys) {
			const m = messages().get(key);
			if (!m || m.kind !== kind || (cid !== undefined && m.openConversationId !== cid)) {
				throw bad('invalid.processQueryKey', '无效的processQueryKey', `processQueryKey ${key} unknown`);
			}
			if (m.robotCode !== robotCode) throw bad('not.allowed.robotCode', '未被授权的robotCode', 'message of another robot');
			if (Date.now() - m.createdAt > settings().robotMaxAgeMs) throw bad('robot.processQueryKey.expired', 'processQueryKey已过期，无法撤回消息', 'older than 24 h');
		}
		for (const key of keys) messages().get(key)!.recalled = true;
		sim.record(kind === 'oto' ? APP_ROBOT_ROUTES.otoRecall : APP_ROBOT_ROUTES.groupRecall, { appKey, robotCode, processQueryKeys: keys, openConversationId: cid });
		return { successResult: keys, failedResult: {} };
	};

	apps.v1Route(APP_ROBOT_ROUTES.otoSend, (req, appKey) => {
		const body = req.body ?? {};
		const robotCode = robotOf(sim, body, appKey);
		const userIds = body.userIds;
		if (!Array.isArray(userIds) || userIds.length === 0) throw bad('invalidParameter.userIds.empty', '用户userId列表为空', 'userIds missing or empty');
		if (userIds.some((u) => typeof u !== 'string' || u === '')) throw bad('invalidParameter.userId.empty', '缺少staffId', 'userIds holds a non-text');
		if (userIds.length > settings().otoMaxUserIds) {
			throw bad('invalidParameter.userIds.overMax', '用户userId列表超过最大限制', `${userIds.length} userIds > ${settings().otoMaxUserIds}`);
		}
		const { msgKey, msgParam } = readMessage(body);
		const known = userIds.filter((u) => apps.person(u as string)) as string[];
		const invalid = userIds.filter((u) => !apps.person(u as string)) as string[];
		const key = processQueryKey();
		messages().set(key, { processQueryKey: key, kind: 'oto', appKey, robotCode, msgKey, msgParam, userIds: known, createdAt: Date.now(), polls: 0, recalled: false });
		sim.record(APP_ROBOT_ROUTES.otoSend, { appKey, robotCode, userIds, msgKey, msgParam, processQueryKey: key, delivered: known }, key);
		return { processQueryKey: key, invalidStaffIdList: invalid, flowControlledStaffIdList: [] };
	});

	apps.v1Route(APP_ROBOT_ROUTES.otoReadStatus, (req, appKey) => {
		const robotCode = robotOf(sim, req.query, appKey);
		const key = req.query.processQueryKey;
		if (!key) throw bad('invalidParameter.processQueryKey.missing', '缺少processQueryKey', 'processQueryKey missing');
		const m = messages().get(key);
		if (!m || m.kind !== 'oto' || m.robotCode !== robotCode) throw bad('invalid.processQueryKey', '无效的processQueryKey', `processQueryKey ${key} unknown (was it URL-encoded?)`);
		if (Date.now() - m.createdAt > settings().robotMaxAgeMs) throw bad('processQueryKey.expireTime', 'processQueryKey还未生成消息查询数据或已过期，无法查询消息', 'older than 24 h');
		m.polls++;
		const read = settings().robotReadAfterPolls > 0 && m.polls >= settings().robotReadAfterPolls;
		return {
			sendStatus: m.recalled ? 'RECALLED' : 'SUCCESS',
			messageReadInfoList: m.userIds.map((u) => ({ name: apps.person(u)?.name ?? '', userId: u, readStatus: read && !m.recalled ? 'READ' : 'UNREAD' })),
		};
	});

	apps.v1Route(APP_ROBOT_ROUTES.otoRecall, (req, appKey) => recall(req, appKey, 'oto'));

	apps.v1Route(APP_ROBOT_ROUTES.groupSend, (req, appKey) => {
		const body = req.body ?? {};
		const robotCode = robotOf(sim, body, appKey);
		const { cid, g } = group(body);
		if (!g.robots.includes(robotCode)) throw bad('invalidParameter.robotCode.notExsit', '机器人不存在', 'robot not in the group');
		if (g.coolAppCode !== undefined && body.coolAppCode !== g.coolAppCode) {
			throw bad('invalidParameter.robotCode.coolApp', body.coolAppCode ? '酷应用编码无效' : '只有酷应用身份才可使用这个机器人', 'coolAppCode missing or wrong');
		}
		const { msgKey, msgParam } = readMessage(body, settings().groupMsgParamMaxBytes);
		const key = processQueryKey();
		messages().set(key, { processQueryKey: key, kind: 'group', appKey, robotCode, msgKey, msgParam, userIds: [...g.members], openConversationId: cid, createdAt: Date.now(), polls: 0, recalled: false });
		sim.record(APP_ROBOT_ROUTES.groupSend, { appKey, robotCode, openConversationId: cid, coolAppCode: body.coolAppCode, msgKey, msgParam, processQueryKey: key }, key);
		return { processQueryKey: key };
	});

	apps.v1Route(APP_ROBOT_ROUTES.groupRecall, (req, appKey) => {
		const { cid, g } = group(req.body ?? {});
		const robotCode = robotOf(sim, req.body ?? {}, appKey);
		if (!g.robots.includes(robotCode)) throw bad('invalidParameter.robotCode', '无效的robotCode', 'robot not in the group');
		return recall(req, appKey, 'group', cid);
	});
}
