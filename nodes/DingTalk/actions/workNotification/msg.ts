/**
 * Work notification messages (DingTalk 消息通知类型): checking any `msg` (built from fields by
 * msg.build.ts or given as JSON) against DingTalk's documented shape, so that a bad message is
 * refused before anything is sent.
 */
import type { IDataObject } from 'n8n-workflow';
import { isObject } from '../../../common/answers';
import { charLength, utf8Bytes } from '../../../common/validation';

export const MSG_TYPES = ['text', 'image', 'voice', 'file', 'link', 'oa', 'markdown', 'action_card'] as const;
export type MsgType = (typeof MSG_TYPES)[number];

/** msg as a whole: at most 2048 bytes (asyncsend_v2). */
export const MSG_MAX_BYTES = 2048;

/**
 * What is wrong with a msg, or undefined when it follows DingTalk's documented shape.
 * Paths are written as DingTalk names them (e.g. "oa.head.bgcolor").
 */
export function msgProblem(msg: unknown): string | undefined {
	if (!isObject(msg)) return 'must be a JSON object with "msgtype" and the object of that type';
	const type = msg.msgtype;
	if (type === undefined || type === null || type === '') return 'has no "msgtype"';
	if (typeof type !== 'string' || !(MSG_TYPES as readonly string[]).includes(type)) {
		return `has the unknown message type ${JSON.stringify(type)}; DingTalk accepts ${MSG_TYPES.join(', ')}`;
	}
	for (const other of MSG_TYPES) {
		if (other !== type && msg[other] !== undefined) {
			return `carries "${other}" besides "${type}"; DingTalk sends one message type at a time`;
		}
	}
	const extra = Object.keys(msg).filter((k) => k !== 'msgtype' && k !== type);
	if (extra.length) return `has unknown keys: ${extra.join(', ')}`;
	const body = msg[type];
	if (!isObject(body)) return `needs the object "${type}"`;
	const bytes = utf8Bytes(JSON.stringify(msg));
	if (bytes > MSG_MAX_BYTES) return `is ${bytes} bytes long as JSON; DingTalk allows at most ${MSG_MAX_BYTES}`;

	const need = (obj: IDataObject, key: string, path: string, max?: number): string | undefined => {
		const v = obj[key];
		if (typeof v !== 'string' || v.trim() === '') return `needs "${path}.${key}" (text)`;
		if (max !== undefined && charLength(v) > max) return `"${path}.${key}" is ${charLength(v)} characters long; at most ${max}`;
		return undefined;
	};
	const optional = (obj: IDataObject, key: string, path: string, max?: number): string | undefined => {
		const v = obj[key];
		if (v === undefined || v === null) return undefined;
		if (typeof v !== 'string') return `"${path}.${key}" must be text`;
		if (max !== undefined && charLength(v) > max) return `"${path}.${key}" is ${charLength(v)} characters long; at most ${max}`;
		return undefined;
	};
	const first = (...checks: Array<() => string | undefined>): string | undefined => {
		for (const c of checks) {
			const p = c();
			if (p) return p;
		}
		return undefined;
	};
	/** The first problem of `obj`'s text keys: `needed` filled, `optionalKeys` text where given. */
	const texts = (obj: IDataObject, path: string, needed: string[], optionalKeys: string[] = []): string | undefined =>
		first(...needed.map((k) => () => need(obj, k, path)), ...optionalKeys.map((k) => () => optional(obj, k, path)));

	switch (type as MsgType) {
		case 'text':
			return need(body, 'content', 'text');
		case 'image':
		case 'file':
			return need(body, 'media_id', type);
		case 'voice': {
			const p = need(body, 'media_id', 'voice');
			if (p) return p;
			const d = typeof body.duration === 'number' ? String(body.duration) : body.duration;
			if (typeof d !== 'string' || !/^\d+$/.test(d) || Number(d) < 1 || Number(d) >= 60) {
				return '"voice.duration" must be a whole number of seconds from 1 to 59';
			}
			return undefined;
		}
		case 'link':
			return texts(body, 'link', ['messageUrl', 'picUrl', 'title', 'text']);
		case 'markdown':
			return first(
				() => need(body, 'title', 'markdown'),
				() => need(body, 'text', 'markdown', 5000),
			);
		case 'oa': {
			const p = texts(body, 'oa', ['message_url'], ['pc_message_url']);
			if (p) return p;
			const head = body.head;
			if (!isObject(head)) return 'needs "oa.head" with "bgcolor" and "text"';
			const h = texts(head, 'oa.head', ['bgcolor', 'text']);
			if (h) return h;
			if (!/^[0-9A-Fa-f]{8}$/.test(String(head.bgcolor))) {
				return `"oa.head.bgcolor" ${JSON.stringify(head.bgcolor)} must be 8 hexadecimal digits (ARGB, e.g. FFBBBBBB, without "0x")`;
			}
			if (body.status_bar !== undefined) {
				const sb = body.status_bar;
				if (!isObject(sb)) return '"oa.status_bar" must be an object';
				const s = texts(sb, 'oa.status_bar', [], ['status_value', 'status_bg']);
				if (s) return s;
			}
			const b = body.body;
			if (!isObject(b)) return 'needs the object "oa.body"';
			const q = texts(b, 'oa.body', [], ['title', 'content', 'image', 'file_count', 'author']);
			if (q) return q;
			if (b.form !== undefined) {
				if (!Array.isArray(b.form)) return '"oa.body.form" must be a list of {key, value}';
				for (const row of b.form) {
					if (!isObject(row)) return '"oa.body.form" must be a list of {key, value}';
					const r = texts(row, 'oa.body.form', [], ['key', 'value']);
					if (r) return r;
				}
			}
			if (b.rich !== undefined) {
				if (!isObject(b.rich)) return '"oa.body.rich" must be an object {num, unit}';
				const r = texts(b.rich, 'oa.body.rich', [], ['num', 'unit']);
				if (r) return r;
			}
			return undefined;
		}
		case 'action_card': {
			const p = first(
				() => need(body, 'markdown', 'action_card'),
				() => optional(body, 'title', 'action_card'),
				() => optional(body, 'single_title', 'action_card', 20),
				() => optional(body, 'single_url', 'action_card', 500),
			);
			if (p) return p;
			const single = body.single_title !== undefined || body.single_url !== undefined;
			const buttons = body.btn_orientation !== undefined || body.btn_json_list !== undefined;
			if (single && buttons) return 'uses both the whole-card link (single_title/single_url) and buttons (btn_json_list); choose one';
			if (!single && !buttons) return 'needs either "action_card.single_title" and "single_url", or "btn_orientation" and "btn_json_list"';
			if (single) {
				return first(
					() => need(body, 'single_title', 'action_card', 20),
					() => need(body, 'single_url', 'action_card', 500),
				);
			}
			if (body.btn_orientation !== '0' && body.btn_orientation !== '1') {
				return '"action_card.btn_orientation" must be "0" (vertical) or "1" (horizontal)';
			}
			const list = body.btn_json_list;
			if (!Array.isArray(list) || list.length === 0) return '"action_card.btn_json_list" needs at least one button';
			for (const btn of list) {
				if (!isObject(btn)) return '"action_card.btn_json_list" must be a list of {title, action_url}';
				const q = need(btn, 'title', 'action_card.btn_json_list', 20) ?? need(btn, 'action_url', 'action_card.btn_json_list', 700);
				if (q) return q;
			}
			const length = charLength(JSON.stringify(list));
			if (length > 1000) return `"action_card.btn_json_list" is ${length} characters long as JSON; at most 1000`;
			return undefined;
		}
	}
	return undefined;
}
