/**
 * Robot webhook messages (自定义机器人 and a callback's sessionWebhook take the same JSON): checking
 * a message against DingTalk's documented shape, putting the mentioned people into the text (a
 * mention works only when the text also contains @<mobile or userId>), and the size limit.
 */
import type { IDataObject } from 'n8n-workflow';
import { isObject } from '../../common/answers';
import { utf8Bytes } from '../../common/validation';

export const ROBOT_MSG_TYPES = ['text', 'markdown', 'link', 'actionCard', 'feedCard'] as const;
export type RobotMsgType = (typeof ROBOT_MSG_TYPES)[number];

/** DingTalk: at most 50 people mentioned in one message. */
export const MAX_MENTIONS = 50;

/** Keys DingTalk spells differently in other message types: the trap, explained. */
const CASING: Record<string, Record<string, string>> = {
	link: { messageURL: 'messageUrl', picURL: 'picUrl' },
	feedCard: { messageUrl: 'messageURL', picUrl: 'picURL' },
	actionCard: { singleUrl: 'singleURL', actionUrl: 'actionURL' },
};

function needText(obj: IDataObject, key: string, path: string): string | undefined {
	const v = obj[key];
	return typeof v === 'string' && v.trim() !== '' ? undefined : `needs "${path}.${key}" (text)`;
}

function optionalText(obj: IDataObject, key: string, path: string, allowed?: string[]): string | undefined {
	const v = obj[key];
	if (v === undefined || v === null) return undefined;
	if (typeof v !== 'string') return `"${path}.${key}" must be text`;
	if (allowed && !allowed.includes(v)) return `"${path}.${key}" must be ${allowed.map((a) => `"${a}"`).join(' or ')}`;
	return undefined;
}

function first(...checks: Array<() => string | undefined>): string | undefined {
	for (const check of checks) {
		const problem = check();
		if (problem) return problem;
	}
	return undefined;
}

function unknownKeys(obj: IDataObject, path: string, known: string[], type: string): string | undefined {
	for (const key of Object.keys(obj)) {
		if (known.includes(key)) continue;
		const right = CASING[type]?.[key];
		if (right) return `"${path}.${key}" is spelled "${right}" in a ${type} message (DingTalk's casing differs between message types)`;
		return `has the unknown key "${path}.${key}"`;
	}
	return undefined;
}

function stringList(value: unknown): boolean {
	return Array.isArray(value) && value.every((v) => typeof v === 'string' && v.trim() !== '');
}

function atProblem(at: unknown): string | undefined {
	if (!isObject(at)) return '"at" must be an object with atMobiles, atUserIds and isAtAll';
	for (const key of Object.keys(at)) {
		if (!['atMobiles', 'atUserIds', 'isAtAll'].includes(key)) return `has the unknown key "at.${key}"`;
	}
	if (at.atMobiles !== undefined && !stringList(at.atMobiles)) return '"at.atMobiles" must be a list of mobile numbers (text)';
	if (at.atUserIds !== undefined && !stringList(at.atUserIds)) return '"at.atUserIds" must be a list of user IDs (text)';
	if (at.isAtAll !== undefined && typeof at.isAtAll !== 'boolean') return '"at.isAtAll" must be true or false';
	const count = ((at.atMobiles as string[] | undefined)?.length ?? 0) + ((at.atUserIds as string[] | undefined)?.length ?? 0);
	if (count > MAX_MENTIONS) return `mentions ${count} people; DingTalk allows at most ${MAX_MENTIONS} in one message`;
	return undefined;
}

/** What is wrong with a robot message, or undefined when it follows DingTalk's documented shape. */
export function robotMessageProblem(msg: unknown): string | undefined {
	if (!isObject(msg)) return 'must be a JSON object with "msgtype" and the object of that type';
	const type = msg.msgtype;
	if (type === undefined || type === null || type === '') return 'has no "msgtype"';
	if (typeof type !== 'string' || !(ROBOT_MSG_TYPES as readonly string[]).includes(type)) {
		return `has the message type ${JSON.stringify(type)}; a robot sends ${ROBOT_MSG_TYPES.join(', ')}`;
	}
	const mentions = type === 'text' || type === 'markdown';
	for (const key of Object.keys(msg)) {
		if (key === 'msgtype' || key === type) continue;
		if (key === 'msgUuid') {
			if (typeof msg.msgUuid !== 'string' || msg.msgUuid === '') return '"msgUuid" must be text';
			continue;
		}
		if (key === 'at') {
			if (!mentions) return `cannot mention people: DingTalk supports "at" only in text and markdown messages${type === 'actionCard' ? ' (in an action card write @userId into the text)' : ''}`;
			continue;
		}
		if ((ROBOT_MSG_TYPES as readonly string[]).includes(key)) return `carries "${key}" besides "${type}"; a robot sends one message type at a time`;
		return `has the unknown key "${key}"`;
	}
	if (msg.at !== undefined) {
		const problem = atProblem(msg.at);
		if (problem) return problem;
	}
	const body = msg[type];
	if (!isObject(body)) return `needs the object "${type}"`;
	switch (type as RobotMsgType) {
		case 'text':
			return first(
				() => unknownKeys(body, 'text', ['content'], type),
				() => needText(body, 'content', 'text'),
			);
		case 'markdown':
			return first(
				() => unknownKeys(body, 'markdown', ['title', 'text'], type),
				() => needText(body, 'title', 'markdown'),
				() => needText(body, 'text', 'markdown'),
			);
		case 'link':
			return first(
				() => unknownKeys(body, 'link', ['title', 'text', 'messageUrl', 'picUrl'], type),
				() => needText(body, 'title', 'link'),
				() => needText(body, 'text', 'link'),
				() => needText(body, 'messageUrl', 'link'),
				() => optionalText(body, 'picUrl', 'link'),
			);
		case 'actionCard':
			return actionCardProblem(body);
		case 'feedCard': {
			const p = unknownKeys(body, 'feedCard', ['links'], type);
			if (p) return p;
			if (!Array.isArray(body.links) || body.links.length === 0) return '"feedCard.links" needs at least one link';
			for (const [n, link] of body.links.entries()) {
				const path = `feedCard.links[${n}]`;
				if (!isObject(link)) return `"${path}" must be an object {title, messageURL, picURL}`;
				const q = first(
					() => unknownKeys(link, path, ['title', 'messageURL', 'picURL'], type),
					() => needText(link, 'title', path),
					() => needText(link, 'messageURL', path),
					() => needText(link, 'picURL', path),
				);
				if (q) return q;
			}
			return undefined;
		}
	}
	return undefined;
}

function actionCardProblem(card: IDataObject): string | undefined {
	const p = first(
		() => unknownKeys(card, 'actionCard', ['title', 'text', 'singleTitle', 'singleURL', 'btns', 'btnOrientation', 'hideAvatar'], 'actionCard'),
		() => needText(card, 'title', 'actionCard'),
		() => needText(card, 'text', 'actionCard'),
		() => optionalText(card, 'btnOrientation', 'actionCard', ['0', '1']),
		() => optionalText(card, 'hideAvatar', 'actionCard', ['0', '1']),
	);
	if (p) return p;
	const single = card.singleTitle !== undefined || card.singleURL !== undefined;
	if (single && card.btns !== undefined) return 'has both one link for the whole card (singleTitle/singleURL) and buttons (btns); choose one';
	if (single) return first(() => needText(card, 'singleTitle', 'actionCard'), () => needText(card, 'singleURL', 'actionCard'));
	if (!Array.isArray(card.btns) || card.btns.length === 0) return 'needs either "actionCard.singleTitle" and "singleURL", or at least one button in "actionCard.btns"';
	for (const [n, btn] of card.btns.entries()) {
		const path = `actionCard.btns[${n}]`;
		if (!isObject(btn)) return `"${path}" must be an object {title, actionURL}`;
		const q = first(
			() => unknownKeys(btn, path, ['title', 'actionURL'], 'actionCard'),
			() => needText(btn, 'title', path),
			() => needText(btn, 'actionURL', path),
		);
		if (q) return q;
	}
	return undefined;
}

function escapeRegExp(s: string): string {
	return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Whether a text already mentions this mobile or user ID (@id, not followed by more of an ID). */
export function mentions(text: string, id: string): boolean {
	return new RegExp(`@${escapeRegExp(id)}(?![A-Za-z0-9_])`).test(text);
}

/**
 * A text or markdown message whose text mentions everyone in its "at" list: DingTalk notifies a
 * mobile or user ID only when "@<it>" is also in the text, so the missing ones are appended
 * (after a space in text, on a line of their own in markdown). Other messages are returned as they are.
 */
export function withMentionsInText(msg: IDataObject): IDataObject {
	const at = msg.at;
	if (!isObject(at) || (msg.msgtype !== 'text' && msg.msgtype !== 'markdown')) return msg;
	const ids = [...((at.atMobiles as string[] | undefined) ?? []), ...((at.atUserIds as string[] | undefined) ?? [])];
	const key = msg.msgtype === 'text' ? 'content' : 'text';
	const part = msg[msg.msgtype] as IDataObject;
	const text = String(part[key] ?? '');
	const missing = [...new Set(ids)].filter((id) => !mentions(text, id));
	if (missing.length === 0) return msg;
	const tail = missing.map((id) => `@${id}`).join(' ');
	const joined = msg.msgtype === 'text' ? `${text.replace(/\s+$/, '')} ${tail}` : `${text.replace(/\s+$/, '')}\n\n${tail}`;
	return { ...msg, [msg.msgtype]: { ...part, [key]: joined } };
}

/** The size of a message as DingTalk receives it (the JSON body, UTF-8 bytes). */
export function robotMessageBytes(msg: IDataObject): number {
	return utf8Bytes(JSON.stringify(msg));
}
