/**
 * The fields of a robot message (group robot Send and Robot Conversation Reply): built from fields
 * for one message type, or given as JSON. robotMessage.build.ts reads them back.
 */
import type { INodeProperties } from 'n8n-workflow';
import { whenInput } from '../../common/fields';
import { ROBOT_MAX_BYTES } from '../transport/robot';
import { choiceField, requiredText, rowsField, switchField, textField } from '../../common/properties';
import { BUTTON_ORIENTATIONS, buttonsField, CARD_STYLES, messageJsonField, messageTypeFields, typeShown } from './fields';
import type { RobotMsgType } from './robotMessage';

/** `robotMessageInput`: the message is built from fields or given as JSON (`robotMessageJson`). */
export const ROBOT_MESSAGE_INPUT = 'robotMessage';

const whenType = typeShown<RobotMsgType>(ROBOT_MESSAGE_INPUT);
const single = { robotCardStyle: ['single'] };

export const robotMessageFields: INodeProperties[] = [
	...messageTypeFields(ROBOT_MESSAGE_INPUT, 'Whether to build the message from the fields below or give the whole message as JSON', [
		{ name: 'Action Card', value: 'actionCard', description: 'Markdown card with one link for the whole card or several buttons' },
		{ name: 'Feed Card', value: 'feedCard', description: 'A list of linked titles with pictures' },
		{ name: 'Link', value: 'link', description: 'Title, text and picture linking to a page' },
		{ name: 'Markdown', value: 'markdown', description: 'Markdown text (a subset: headings, bold, links, images, lists, quotes)' },
		{ name: 'Text', value: 'text' },
	]),
	messageJsonField(
		'robotMessageJson',
		whenInput(ROBOT_MESSAGE_INPUT, 'json'),
		'The message as DingTalk documents it for robots: "msgtype" (text, markdown, link, actionCard, feedCard), the object of that type and, for text and markdown, "at". Mind the casing: link has messageUrl/picUrl, feedCard messageURL/picURL.',
	),
	requiredText('Content', 'robotContent', {
		typeOptions: { rows: 4 },
		displayOptions: whenType(['text']),
		description: 'The text. With custom keywords in the robot\'s security settings, it must contain one of them.',
	}),
	requiredText('Title', 'robotTitle', {
		displayOptions: whenType(['markdown', 'link', 'actionCard']),
		description: 'Markdown and action card: shown in the conversation list and the notification, not in the message. Link: the title of the link.',
	}),
	requiredText('Text', 'robotText', {
		typeOptions: { rows: 6 },
		displayOptions: whenType(['markdown', 'link', 'actionCard']),
		description: 'Markdown and action card: the Markdown text of the message. Link: the text shown under the title (shortened when long).',
	}),
	requiredText('Message URL', 'robotMessageUrl', {
		displayOptions: whenType(['link']),
		description: 'Where a click leads (opens inside DingTalk; see DingTalk\'s message link notes for an external browser)',
	}),
	textField('Picture URL', 'robotPicUrl', { displayOptions: whenType(['link']), description: 'Optional picture: an address, or the media ID of an uploaded image' }),
	choiceField('Card Style', 'robotCardStyle', CARD_STYLES, 'single', { displayOptions: whenType(['actionCard']) }),
	requiredText('Button Title', 'robotSingleTitle', { displayOptions: whenType(['actionCard'], single), placeholder: '阅读全文' }),
	requiredText('Button URL', 'robotSingleUrl', { displayOptions: whenType(['actionCard'], single) }),
	buttonsField('robotButtons', 'actionUrl', { displayOptions: whenType(['actionCard'], { robotCardStyle: ['buttons'] }) }),
	choiceField('Button Orientation', 'robotBtnOrientation', BUTTON_ORIENTATIONS, '0', { displayOptions: whenType(['actionCard']) }),
	switchField('Hide Sender Avatar', 'robotHideAvatar', 'Whether to hide the robot\'s avatar on the card', { displayOptions: whenType(['actionCard']) }),
	rowsField(
		'Links',
		'robotLinks',
		{ displayName: 'Link', name: 'link', placeholder: 'Add Link' },
		[textField('Title', 'title'), textField('Message URL', 'messageUrl'), textField('Picture URL', 'picUrl')],
		{ displayOptions: whenType(['feedCard']) },
	),
	textField('Mention User IDs', 'robotAtUserIds', {
		placeholder: 'manager4220, user123',
		displayOptions: whenType(['text', 'markdown']),
		description: 'User IDs (userid) of group members to @-mention, comma-separated. The node adds "@" and the user ID to the text where it is missing (DingTalk needs both).',
	}),
	textField('Mention Mobiles', 'robotAtMobiles', {
		placeholder: '13800000000',
		displayOptions: whenType(['text', 'markdown']),
		description: 'Mobile numbers of group members to @-mention, comma-separated (at most 50 people with the user IDs). The node adds "@" and the mobile to the text where it is missing.',
	}),
	switchField('Mention Everyone', 'robotAtAll', 'Whether to @-mention everyone in the group (@所有人)', { displayOptions: whenType(['text', 'markdown']) }),
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
