/**
 * Builds a work notification's `msg` from the node's fields (msg.fields.ts, oa.fields.ts,
 * actionCard.fields.ts) for one message type. msgProblem (msg.ts) checks the result.
 */
import type { IDataObject } from 'n8n-workflow';
import { isObject } from '../../../common/answers';
import type { ItemFields } from '../../../common/validation';
import type { MsgType } from './msg';

/** Drops empty optional values so that DingTalk sees only what the user filled. */
function compact(obj: IDataObject): IDataObject {
	const out: IDataObject = {};
	for (const [k, v] of Object.entries(obj)) {
		if (v === undefined || v === null || v === '') continue;
		if (isObject(v)) {
			const inner = compact(v);
			if (Object.keys(inner).length) out[k] = inner;
			continue;
		}
		if (Array.isArray(v) && v.length === 0) continue;
		out[k] = v;
	}
	return out;
}

const str = (v: unknown): string => (v === undefined || v === null ? '' : typeof v === 'string' ? v : String(v));

/** Builds `msg` from the node's fields for one message type. */
export function buildMsg(f: ItemFields, type: MsgType): IDataObject {
	switch (type) {
		case 'text':
			return { msgtype: 'text', text: { content: f.text(f.param('textContent'), 'Content', { required: true }) } };
		case 'markdown':
			return {
				msgtype: 'markdown',
				markdown: {
					title: f.text(f.param('markdownTitle'), 'Title', { required: true }),
					text: f.text(f.param('markdownText'), 'Text', { required: true, maxLength: 5000 }),
				},
			};
		case 'link':
			return {
				msgtype: 'link',
				link: {
					messageUrl: f.text(f.param('linkMessageUrl'), 'Message URL', { required: true }),
					picUrl: f.text(f.param('linkPicUrl'), 'Picture URL', { required: true }),
					title: f.text(f.param('linkTitle'), 'Title', { required: true, maxLength: 100 }),
					text: f.text(f.param('linkText'), 'Text', { required: true, maxLength: 500 }),
				},
			};
		case 'image':
		case 'file':
			return { msgtype: type, [type]: { media_id: f.text(f.param('mediaId'), 'Media ID', { required: true }) } };
		case 'voice':
			return {
				msgtype: 'voice',
				voice: {
					media_id: f.text(f.param('mediaId'), 'Media ID', { required: true }),
					duration: String(f.integer(f.param('voiceDuration'), 'Duration (Seconds)', { min: 1, max: 59 })),
				},
			};
		case 'oa': {
			const extra = f.param<IDataObject>('oaOptions', {});
			const statusValue = str(extra.statusValue);
			const statusBg = str(extra.statusBg);
			if (statusBg && !statusValue) f.fail('Status Bar Color', 'needs a Status Bar Text as well');
			const bgcolor = f.text(f.param('oaHeadBg'), 'Head Background (ARGB)', {
				required: true,
				pattern: /^[0-9A-Fa-f]{8}$/,
				patternText: '8 hexadecimal digits (ARGB, e.g. FFBBBBBB, without "0x")',
			});
			const oa = compact({
				message_url: f.text(f.param('oaMessageUrl'), 'Message URL', { required: true }),
				pc_message_url: f.text(extra.pcMessageUrl, 'PC Message URL'),
				head: { bgcolor, text: f.text(f.param('oaHeadText'), 'Head Text', { required: true }) },
				status_bar: statusValue
					? compact({
							status_value: statusValue,
							status_bg: statusBg
								? f.text(statusBg, 'Status Bar Color', {
										pattern: /^0x[0-9A-Fa-f]{8}$/,
										patternText: '0x followed by 8 hexadecimal digits (e.g. 0xFF78C06E)',
									})
								: '',
						})
					: undefined,
			});
			// oa.body is required by DingTalk even when every part of it is empty.
			oa.body = oaBody(f);
			return { msgtype: 'oa', oa };
		}
		case 'action_card': {
			const style = f.oneOf(f.param('cardStyle'), 'Card Style', ['single', 'buttons'] as const);
			const card: IDataObject = {
				title: f.text(f.param('cardTitle'), 'Title'),
				markdown: f.text(f.param('cardMarkdown'), 'Markdown', { required: true }),
			};
			if (style === 'single') {
				card.single_title = f.text(f.param('cardSingleTitle'), 'Button Title', { required: true, maxLength: 20 });
				card.single_url = f.text(f.param('cardSingleUrl'), 'Button URL', { required: true, maxLength: 500 });
			} else {
				card.btn_orientation = f.oneOf(f.param('cardButtonOrientation'), 'Button Orientation', ['0', '1'] as const);
				const buttons = f.rows(f.param('cardButtons'), 'button').map((r, n) => ({
					title: f.text(r.title, `Buttons row ${n + 1} Title`, { required: true, maxLength: 20 }),
					action_url: f.text(r.actionUrl, `Buttons row ${n + 1} URL`, { required: true, maxLength: 700 }),
				}));
				if (buttons.length === 0) f.fail('Buttons', 'needs at least one button');
				card.btn_json_list = buttons;
			}
			return { msgtype: 'action_card', action_card: compact(card) };
		}
	}
}

/** The OA body parts (title, content, form, rich, image, file count, author) from the Body collection. */
export function oaBody(f: ItemFields): IDataObject {
	const body = f.param<IDataObject>('oaBody', {});
	const form = f.rows(body.form, 'field').map((r, n) => ({
		key: f.text(r.key, `Body > Form row ${n + 1} Key`, { required: true }),
		value: str(r.value),
	}));
	return compact({
		title: str(body.title),
		content: str(body.content),
		author: str(body.author),
		image: str(body.image),
		file_count: body.fileCount === undefined || body.fileCount === '' ? '' : String(body.fileCount),
		form,
		rich: compact({ num: str(body.richNum), unit: str(body.richUnit) }),
	});
}
