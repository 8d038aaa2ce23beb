/**
 * The fields of a work notification's message (the msg of asyncsend_v2): given as JSON, or built
 * from fields for one message type. The OA and action card fields are in oa.fields.ts and
 * actionCard.fields.ts.
 */
import type { INodeProperties } from 'n8n-workflow';
import { whenInput } from '../../../common/fields';
import { numberField, requiredText } from '../../../common/properties';
import { messageJsonField, messageTypeFields, typeShown } from '../fields';
import type { MsgType } from './msg';

/** `messageInput`: the message is built from fields or given as JSON (`msgJson`). */
export const MESSAGE_INPUT = 'message';

/** Shows a field only when the message is built from fields, for these message types. */
export const whenType = typeShown<MsgType>(MESSAGE_INPUT);

const messageChoice: INodeProperties[] = [
	...messageTypeFields(MESSAGE_INPUT, 'Whether to build the message from the fields below or give the whole msg object as JSON', [
		{ name: 'Action Card', value: 'action_card', description: 'Markdown card with one link or several buttons' },
		{ name: 'File', value: 'file', description: 'A file uploaded to DingTalk (media ID)' },
		{ name: 'Image', value: 'image', description: 'An image uploaded to DingTalk (media ID)' },
		{ name: 'Link', value: 'link', description: 'Title, text and picture linking to a page' },
		{ name: 'Markdown', value: 'markdown' },
		{ name: 'OA', value: 'oa', description: 'Approval-style card with a head, form fields and a status bar' },
		{ name: 'Text', value: 'text' },
		{ name: 'Voice', value: 'voice', description: 'An AMR voice clip uploaded to DingTalk (media ID)' },
	]),
	messageJsonField(
		'msgJson',
		whenInput(MESSAGE_INPUT, 'json'),
		'The msg object as DingTalk documents it ("消息通知类型"): "msgtype" and the object of that type. At most 2048 bytes.',
	),
];

/** Text, Markdown, Link, and the uploaded media (image, file, voice). */
const simpleTypeFields: INodeProperties[] = [
	requiredText('Content', 'textContent', {
		typeOptions: { rows: 4 },
		displayOptions: whenType(['text']),
		description: 'The text (DingTalk recommends at most 500 characters)',
	}),
	requiredText('Title', 'markdownTitle', { displayOptions: whenType(['markdown']), description: 'Shown in the conversation list and the notification' }),
	requiredText('Text', 'markdownText', {
		typeOptions: { rows: 6 },
		displayOptions: whenType(['markdown']),
		description: 'Markdown text (at most 5000 characters; the whole message at most 2048 bytes)',
	}),
	requiredText('Message URL', 'linkMessageUrl', { displayOptions: whenType(['link']), description: 'Where a click leads' }),
	requiredText('Picture URL', 'linkPicUrl', { displayOptions: whenType(['link']), description: 'A picture address, or the media ID of an uploaded image (@lAD…)' }),
	requiredText('Title', 'linkTitle', { displayOptions: whenType(['link']), description: 'At most 100 characters' }),
	requiredText('Text', 'linkText', { typeOptions: { rows: 3 }, displayOptions: whenType(['link']), description: 'At most 500 characters' }),
	requiredText('Media ID', 'mediaId', {
		placeholder: '@lADOADmaWMzazQKA',
		displayOptions: whenType(['image', 'file', 'voice']),
		description: 'The media_id returned when the file was uploaded to DingTalk (上传媒体文件)',
	}),
	numberField('Duration (Seconds)', 'voiceDuration', 10, {
		typeOptions: { minValue: 1, maxValue: 59 },
		displayOptions: whenType(['voice']),
		description: 'Length of the voice clip, less than 60 seconds',
	}),
];

/** The message choice and the fields of the simple types (then come oaFields and actionCardFields). */
export const messageFields: INodeProperties[] = [...messageChoice, ...simpleTypeFields];
