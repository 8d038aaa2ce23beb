import { randomUUID } from 'node:crypto';
import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { inputModeField, whenInput } from '../../../common/fields';
import type { Operation } from '../../../common/run';
import type { ItemFields } from '../../../common/validation';
import { ROUTES } from '../../transport';
import { choiceField, keyValueRows, noticeField, numberField, requiredText, switchField, textField } from '../../../common/properties';
import { optionsCollection } from '../shared';

/** `contentInput`: the content is built from fields or given as JSON (`contentJson`). */
const CONTENT = 'content';

export const description: INodeProperties[] = [
	noticeField('interopNotice', 'Cross-domain interop (IMPaaS 互通消息) is a capability DingTalk enables per app on request; without it DingTalk answers 88 / 60011'),
	requiredText('Sender', 'sender', { placeholder: '1001@domain', description: 'The sender\'s interop account (sender), userid@domain' }),
	requiredText('Conversation ID', 'cid', { placeholder: '1011@domain:@domain$1@G', description: 'The interop conversation (cid)' }),
	numberField('Conversation Type', 'conversationType', 1, {
		typeOptions: { minValue: 1 },
		description:
			'The conversation_type. DingTalk\'s example uses 1; its values are not documented (probably 1 = single chat, 2 = group chat).',
	}),
	requiredText('Message ID', 'messageId', { placeholder: '321443', description: 'Your ID for this message (message_id)' }),
	choiceField('Content Type', 'contentType', [
		{ name: 'Text', value: 1 },
		{ name: 'Card', value: 2 },
	], 1),
	inputModeField({ name: CONTENT, displayName: 'Content' }),
	requiredText('Text', 'text', {
		typeOptions: { rows: 4 },
		displayOptions: { show: { contentInput: ['fields'], contentType: [1] } },
		description: 'Sent as the content {"content": "your text"}',
	}),
	keyValueRows('Card Fields', 'cardFields', 'Add Card Field', {}, {
		displayOptions: { show: { contentInput: ['fields'], contentType: [2] } },
		description: 'Key-value pairs making up the card content object (the card format is agreed with the receiving domain)',
	}),
	{
		displayName: 'Content (JSON)',
		name: 'contentJson',
		type: 'json',
		default: '{\n  "content": ""\n}',
		required: true,
		displayOptions: whenInput(CONTENT, 'json'),
		description: 'The content object, e.g. {"content":"test"} for text; sent to DingTalk as JSON text',
	},
	textField('Receivers', 'receivers', {
		placeholder: 'uid1, uid2',
		description:
			'Actual receivers (actual_receivers), separated by commas; leave empty to omit the receiver scope and reach the whole conversation',
	}),
	switchField(
		'Mute New Conversation Notification',
		'muteNotification',
		'Whether to turn on do-not-disturb for the conversation (new_conversation_notification_off)',
	),
	optionsCollection([
		choiceField('Model Encoding', 'modelEncoding', [
			{ name: 'Nested JSON Object', value: 'object', description: "What DingTalk's official Java TOP client sends by default" },
			{ name: 'JSON Text', value: 'text', description: 'The model as a JSON string (the Java client\'s useJsonString variant)' },
		], 'object', { description: 'How crossdomain_message_send_model travels in the JSON body' }),
		textField('UUID', 'uuid', { description: 'The message\'s uuid. Leave empty to generate a fresh one per message.' }),
	]),
];

export interface Prepared {
	model: IDataObject;
	asText: boolean;
}

/** The content object for a card from key-value rows. */
function cardFromFields(f: ItemFields): IDataObject {
	const card: IDataObject = {};
	f.rows(f.param('cardFields'), 'field').forEach((r, n) => {
		const key = f.text(r.key, `Card Fields row ${n + 1} Key`, { required: true });
		card[key] = r.value === undefined || r.value === null ? '' : String(r.value);
	});
	if (Object.keys(card).length === 0) f.fail('Card Fields', 'needs at least one field');
	return card;
}

export const send: Operation<Prepared> = {
	description,
	sends: true,
	prepare(f) {
		const options = f.param<IDataObject>('options', {});
		const contentType = f.integer(f.param('contentType'), 'Content Type', { min: 1, max: 2 });
		let content: IDataObject;
		if (f.isJson(CONTENT)) {
			content = f.json(f.param('contentJson'), 'Content (JSON)', 'object') as IDataObject;
			if (Object.keys(content).length === 0) f.fail('Content (JSON)', 'is an empty object');
			if (contentType === 1 && (typeof content.content !== 'string' || content.content === '')) {
				f.fail('Content (JSON)', 'a text message needs {"content": "your text"}');
			}
		} else if (contentType === 1) {
			content = { content: f.text(f.param('text'), 'Text', { required: true }) };
		} else {
			content = cardFromFields(f);
		}
		const receivers = [...new Set(f.list(f.param('receivers'), 'Receivers'))];
		const uuid = f.text(options.uuid, 'UUID') || randomUUID();
		const model: IDataObject = {
			sender: f.text(f.param('sender'), 'Sender', { required: true }),
			message_id: f.text(f.param('messageId'), 'Message ID', { required: true }),
			send_message_model: {
				conversation_type: f.integer(f.param('conversationType'), 'Conversation Type', { min: 1 }),
				uuid,
				content_type: contentType,
				content: JSON.stringify(content),
				cid: f.text(f.param('cid'), 'Conversation ID', { required: true }),
			},
			new_conversation_notification_off: f.yesNo(f.param<unknown>('muteNotification', false), 'Mute New Conversation Notification', false),
		};
		if (receivers.length) model.message_receiver_scope_model = { actual_receivers: receivers };
		const asText = f.oneOf(options.modelEncoding ?? 'object', 'Model Encoding', ['object', 'text'] as const) === 'text';
		return { model, asText };
	},
	async execute(t, { model, asText }, i) {
		const answer = await t.call(ROUTES.impaasSend, { crossdomain_message_send_model: asText ? JSON.stringify(model) : model }, i);
		const sm = model.send_message_model as IDataObject;
		return {
			sent: true,
			message_id: model.message_id,
			uuid: sm.uuid,
			cid: sm.cid,
			...(answer.request_id !== undefined ? { request_id: answer.request_id } : {}),
		};
	},
};
