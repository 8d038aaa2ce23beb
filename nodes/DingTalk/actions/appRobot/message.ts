/**
 * An app robot message: DingTalk's msgKey (message template) and msgParam (its parameters, sent as
 * JSON text), after DingTalk's robot message types ("消息发送与接收类型", API way). Built from fields
 * for each type, or given as JSON (msgKey + msgParam object); either way checked before sending.
 */
import type { IDataObject } from 'n8n-workflow';
import type { ItemFields } from '../../../common/validation';
import { utf8Bytes } from '../../../common/validation';

/** msgKey -> the msgParam keys it needs (all text). */
export const MSG_KEYS: Record<string, string[]> = {
	sampleText: ['content'],
	sampleMarkdown: ['title', 'text'],
	sampleImageMsg: ['photoURL'],
	sampleLink: ['text', 'title', 'picUrl', 'messageUrl'],
	sampleActionCard: ['title', 'text', 'singleTitle', 'singleURL'],
	...Object.fromEntries(
		[2, 3, 4, 5].map((n) => [`sampleActionCard${n}`, ['title', 'text', ...Array.from({ length: n }, (_, k) => [`actionTitle${k + 1}`, `actionURL${k + 1}`]).flat()]]),
	),
	sampleActionCard6: ['title', 'text', 'buttonTitle1', 'buttonUrl1', 'buttonTitle2', 'buttonUrl2'],
	sampleAudio: ['mediaId', 'duration'],
	sampleFile: ['mediaId', 'fileName', 'fileType'],
	sampleVideo: ['duration', 'videoMediaId', 'videoType', 'picMediaId'],
};

/** The action card with two horizontal buttons (its button keys differ: buttonTitleN / buttonUrlN). */
const HORIZONTAL_CARD = 'sampleActionCard6';

export const ROBOT_TYPES = ['actionCard', 'audio', 'file', 'image', 'link', 'markdown', 'text', 'video'] as const;
export type RobotType = (typeof ROBOT_TYPES)[number];

export const FILE_TYPES = ['doc', 'docx', 'pdf', 'rar', 'xlsx', 'zip'] as const;

/** groupMessages/send: msgParam at most 15000 bytes (documented). */
export const GROUP_MSG_PARAM_MAX_BYTES = 15000;

export interface RobotMessage {
	msgKey: string;
	/** The parameters as JSON text, as DingTalk takes them. */
	msgParam: string;
}

/** Checks a msgKey and its parameters against the catalogue; numbers become text. */
export function checkMessage(f: ItemFields, msgKey: string, param: IDataObject, label: string): IDataObject {
	const needs = MSG_KEYS[msgKey];
	if (!needs) f.fail(label, `"${msgKey}" is not one of DingTalk's robot message keys: ${Object.keys(MSG_KEYS).join(', ')}`);
	const out: IDataObject = { ...param };
	for (const key of needs) {
		const v = typeof param[key] === 'number' ? String(param[key]) : param[key];
		if (typeof v !== 'string' || v.trim() === '') f.fail(label, `${msgKey} needs "${key}" (text)`);
		out[key] = v;
	}
	return out;
}

/** The card's buttons from rows {title, url}. */
function buttons(f: ItemFields, min: number, max: number): Array<{ title: string; url: string }> {
	const rows = f.rows(f.param('robotCardButtons', {}), 'button');
	if (rows.length < min || rows.length > max) {
		f.fail('Buttons', `has ${rows.length} button${rows.length === 1 ? '' : 's'}; this style takes ${min === max ? min : `${min} to ${max}`}`);
	}
	return rows.map((r, n) => ({
		title: f.text(r.title, `Buttons row ${n + 1} Title`, { required: true }),
		url: f.url(r.url, `Buttons row ${n + 1} URL`, { required: true }),
	}));
}

/** Builds the message of the chosen type from the fields. */
function fromFields(f: ItemFields): { msgKey: string; param: IDataObject } {
	const type = f.oneOf(f.param('robotMessageType'), 'Message Type', ROBOT_TYPES);
	const text = (name: string, label: string) => f.text(f.param(name), label, { required: true });
	switch (type) {
		case 'text':
			return { msgKey: 'sampleText', param: { content: text('robotContent', 'Content') } };
		case 'markdown':
			return { msgKey: 'sampleMarkdown', param: { title: text('robotTitle', 'Title'), text: text('robotMarkdown', 'Text') } };
		case 'image':
			return { msgKey: 'sampleImageMsg', param: { photoURL: text('robotPhotoUrl', 'Image URL or Media ID') } };
		case 'link':
			return {
				msgKey: 'sampleLink',
				param: {
					title: text('robotTitle', 'Title'),
					text: text('robotLinkText', 'Text'),
					messageUrl: f.url(f.param('robotLinkUrl'), 'Link URL', { required: true }),
					picUrl: text('robotPicUrl', 'Picture URL or Media ID'),
				},
			};
		case 'actionCard': {
			const card: IDataObject = { title: text('robotTitle', 'Title'), text: text('robotMarkdown', 'Text') };
			const style = f.oneOf(f.param('robotCardStyle'), 'Card Style', ['single', 'vertical', 'horizontal'] as const);
			if (style === 'single') {
				return {
					msgKey: 'sampleActionCard',
					param: { ...card, singleTitle: text('robotSingleTitle', 'Button Title'), singleURL: f.url(f.param('robotSingleUrl'), 'Button URL', { required: true }) },
				};
			}
			if (style === 'horizontal') {
				const [a, b] = buttons(f, 2, 2);
				return { msgKey: HORIZONTAL_CARD, param: { ...card, buttonTitle1: a.title, buttonUrl1: a.url, buttonTitle2: b.title, buttonUrl2: b.url } };
			}
			const list = buttons(f, 2, 5);
			list.forEach((btn, k) => {
				card[`actionTitle${k + 1}`] = btn.title;
				card[`actionURL${k + 1}`] = btn.url;
			});
			return { msgKey: `sampleActionCard${list.length}`, param: card };
		}
		case 'audio':
			return {
				msgKey: 'sampleAudio',
				param: { mediaId: text('robotMediaId', 'Media ID'), duration: String(f.integer(f.param('robotDurationMs'), 'Duration (Ms)', { min: 1 })) },
			};
		case 'file':
			return {
				msgKey: 'sampleFile',
				param: {
					mediaId: text('robotMediaId', 'Media ID'),
					fileName: text('robotFileName', 'File Name'),
					fileType: f.oneOf(f.param('robotFileType'), 'File Type', FILE_TYPES),
				},
			};
		case 'video':
			return {
				msgKey: 'sampleVideo',
				param: {
					videoMediaId: text('robotMediaId', 'Media ID'),
					duration: String(f.integer(f.param('robotDurationS'), 'Duration (Seconds)', { min: 1 })),
					videoType: 'mp4',
					picMediaId: text('robotPicMediaId', 'Cover Picture Media ID'),
				},
			};
	}
	return f.fail('Message Type', `"${String(type)}" is not supported`);
}

/** Reads the message (fields or JSON) and checks it; `maxBytes` limits msgParam (0 = none). */
export function readRobotMessage(f: ItemFields, maxBytes = 0): RobotMessage {
	let msgKey: string;
	let param: IDataObject;
	let label = 'Message';
	if (f.isJson('robotMessage')) {
		label = 'Message Parameters (JSON)';
		msgKey = f.text(f.param('robotMsgKey'), 'Message Key', { required: true }).trim();
		param = f.json(f.param('robotMsgParam'), label, 'object') as IDataObject;
	} else {
		({ msgKey, param } = fromFields(f));
	}
	const msgParam = JSON.stringify(checkMessage(f, msgKey, param, label));
	if (maxBytes > 0 && utf8Bytes(msgParam) > maxBytes) {
		f.fail(label, `is ${utf8Bytes(msgParam)} bytes long as JSON; DingTalk allows at most ${maxBytes} for a group message`);
	}
	return { msgKey, msgParam };
}
