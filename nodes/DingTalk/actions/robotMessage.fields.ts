/**
 * The fields of a robot message (group robot Send and Robot Conversation Reply): built from fields
 * for one message type, or given as JSON. robotMessage.build.ts reads them back.
 */
import type { INodeProperties } from 'n8n-workflow';
import { inputModeField, whenInput } from '../../common/fields';
import { ROBOT_MAX_BYTES } from '../transport/robot';
import type { RobotMsgType } from './robotMessage';

/** `robotMessageInput`: the message is built from fields or given as JSON (`robotMessageJson`). */
export const ROBOT_MESSAGE_INPUT = 'robotMessage';

function whenType(types: RobotMsgType[], extra: Record<string, string[]> = {}): INodeProperties['displayOptions'] {
	return { show: { robotMessageInput: ['fields'], robotMessageType: types, ...extra } };
}

export const robotMessageFields: INodeProperties[] = [
	inputModeField({
		name: ROBOT_MESSAGE_INPUT,
		displayName: 'Message',
		description: 'Whether to build the message from the fields below or give the whole message as JSON',
	}),
	{
		displayName: 'Message Type',
		name: 'robotMessageType',
		type: 'options',
		displayOptions: whenInput(ROBOT_MESSAGE_INPUT, 'fields'),
		options: [
			{ name: 'Action Card', value: 'actionCard', description: 'Markdown card with one link for the whole card or several buttons' },
			{ name: 'Feed Card', value: 'feedCard', description: 'A list of linked titles with pictures' },
			{ name: 'Link', value: 'link', description: 'Title, text and picture linking to a page' },
			{ name: 'Markdown', value: 'markdown', description: 'Markdown text (a subset: headings, bold, links, images, lists, quotes)' },
			{ name: 'Text', value: 'text' },
		],
		default: 'text',
	},
	{
		displayName: 'Message (JSON)',
		name: 'robotMessageJson',
		type: 'json',
		default: '{\n  "msgtype": "text",\n  "text": { "content": "" }\n}',
		required: true,
		displayOptions: whenInput(ROBOT_MESSAGE_INPUT, 'json'),
		description:
			'The message as DingTalk documents it for robots: "msgtype" (text, markdown, link, actionCard, feedCard), the object of that type and, for text and markdown, "at". Mind the casing: link has messageUrl/picUrl, feedCard messageURL/picURL.',
	},
	{
		displayName: 'Content',
		name: 'robotContent',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		required: true,
		displayOptions: whenType(['text']),
		description: 'The text. With custom keywords in the robot\'s security settings, it must contain one of them.',
	},
	{
		displayName: 'Title',
		name: 'robotTitle',
		type: 'string',
		default: '',
		required: true,
		displayOptions: whenType(['markdown', 'link', 'actionCard']),
		description: 'Markdown and action card: shown in the conversation list and the notification, not in the message. Link: the title of the link.',
	},
	{
		displayName: 'Text',
		name: 'robotText',
		type: 'string',
		typeOptions: { rows: 6 },
		default: '',
		required: true,
		displayOptions: whenType(['markdown', 'link', 'actionCard']),
		description: 'Markdown and action card: the Markdown text of the message. Link: the text shown under the title (shortened when long).',
	},
	{
		displayName: 'Message URL',
		name: 'robotMessageUrl',
		type: 'string',
		default: '',
		required: true,
		displayOptions: whenType(['link']),
		description: 'Where a click leads (opens inside DingTalk; see DingTalk\'s message link notes for an external browser)',
	},
	{
		displayName: 'Picture URL',
		name: 'robotPicUrl',
		type: 'string',
		default: '',
		displayOptions: whenType(['link']),
		description: 'Optional picture: an address, or the media ID of an uploaded image',
	},
	{
		displayName: 'Card Style',
		name: 'robotCardStyle',
		type: 'options',
		displayOptions: whenType(['actionCard']),
		options: [
			{ name: 'One Link for the Whole Card', value: 'single' },
			{ name: 'Separate Buttons', value: 'buttons' },
		],
		default: 'single',
	},
	{
		displayName: 'Button Title',
		name: 'robotSingleTitle',
		type: 'string',
		default: '',
		required: true,
		displayOptions: whenType(['actionCard'], { robotCardStyle: ['single'] }),
		placeholder: '阅读全文',
	},
	{
		displayName: 'Button URL',
		name: 'robotSingleUrl',
		type: 'string',
		default: '',
		required: true,
		displayOptions: whenType(['actionCard'], { robotCardStyle: ['single'] }),
	},
	{
		displayName: 'Buttons',
		name: 'robotButtons',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Button',
		default: {},
		displayOptions: whenType(['actionCard'], { robotCardStyle: ['buttons'] }),
		options: [
			{
				displayName: 'Button',
				name: 'button',
				values: [
					{ displayName: 'Title', name: 'title', type: 'string', default: '' },
					{ displayName: 'URL', name: 'actionUrl', type: 'string', default: '' },
				],
			},
		],
	},
	{
		displayName: 'Button Orientation',
		name: 'robotBtnOrientation',
		type: 'options',
		displayOptions: whenType(['actionCard']),
		options: [
			{ name: 'Vertical', value: '0' },
			{ name: 'Horizontal', value: '1' },
		],
		default: '0',
	},
	{
		displayName: 'Hide Sender Avatar',
		name: 'robotHideAvatar',
		type: 'boolean',
		default: false,
		displayOptions: whenType(['actionCard']),
		description: 'Whether to hide the robot\'s avatar on the card',
	},
	{
		displayName: 'Links',
		name: 'robotLinks',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Link',
		default: {},
		displayOptions: whenType(['feedCard']),
		options: [
			{
				displayName: 'Link',
				name: 'link',
				values: [
					{ displayName: 'Title', name: 'title', type: 'string', default: '' },
					{ displayName: 'Message URL', name: 'messageUrl', type: 'string', default: '' },
					{ displayName: 'Picture URL', name: 'picUrl', type: 'string', default: '' },
				],
			},
		],
	},
	{
		displayName: 'Mention User IDs',
		name: 'robotAtUserIds',
		type: 'string',
		default: '',
		placeholder: 'manager4220, user123',
		displayOptions: whenType(['text', 'markdown']),
		description: 'User IDs (userid) of group members to @-mention, comma-separated. The node adds "@" and the user ID to the text where it is missing (DingTalk needs both).',
	},
	{
		displayName: 'Mention Mobiles',
		name: 'robotAtMobiles',
		type: 'string',
		default: '',
		placeholder: '13800000000',
		displayOptions: whenType(['text', 'markdown']),
		description: 'Mobile numbers of group members to @-mention, comma-separated (at most 50 people with the user IDs). The node adds "@" and the mobile to the text where it is missing.',
	},
	{
		displayName: 'Mention Everyone',
		name: 'robotAtAll',
		type: 'boolean',
		default: false,
		displayOptions: whenType(['text', 'markdown']),
		description: 'Whether to @-mention everyone in the group (@所有人)',
	},
];

export const sizeLimitOption: INodeProperties = {
	displayName: 'Size Limit (Bytes)',
	name: 'sizeLimit',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: ROBOT_MAX_BYTES,
	description:
		'Larger messages (their JSON, in UTF-8 bytes) are refused before sending. DingTalk answers 460101 "message too long, exceed 20000 bytes" above 20,000; its documents give no figure.',
};
