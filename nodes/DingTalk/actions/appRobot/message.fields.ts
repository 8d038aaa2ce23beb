/** The fields of an app robot message (see message.ts): a type built from fields, or msgKey + msgParam as JSON. */
import type { INodeProperties } from 'n8n-workflow';
import { inputModeField, whenInput } from '../../../common/fields';
import type { RobotType } from './message';
import { FILE_TYPES } from './message';

function when(types: RobotType[], extra: Record<string, string[]> = {}): INodeProperties['displayOptions'] {
	return { show: { robotMessageInput: ['fields'], robotMessageType: types, ...extra } };
}

function text(name: string, displayName: string, types: RobotType[], description?: string, rows?: number): INodeProperties {
	return {
		displayName,
		name,
		type: 'string',
		...(rows ? { typeOptions: { rows } } : {}),
		default: '',
		required: true,
		displayOptions: when(types),
		description,
	};
}

export const robotMessageFields: INodeProperties[] = [
	inputModeField({
		name: 'robotMessage',
		displayName: 'Message',
		description: 'Whether to build the message from the fields below or give msgKey and msgParam as JSON',
	}),
	{
		displayName: 'Message Type',
		name: 'robotMessageType',
		type: 'options',
		displayOptions: whenInput('robotMessage', 'fields'),
		options: [
			{ name: 'Action Card', value: 'actionCard', description: 'Markdown card with one link or 2–5 buttons' },
			{ name: 'Audio', value: 'audio', description: 'An uploaded ogg or amr clip (media ID)' },
			{ name: 'File', value: 'file', description: 'An uploaded file (media ID)' },
			{ name: 'Image', value: 'image' },
			{ name: 'Link', value: 'link', description: 'Title, text and picture linking to a page' },
			{ name: 'Markdown', value: 'markdown' },
			{ name: 'Text', value: 'text' },
			{ name: 'Video', value: 'video', description: 'An uploaded mp4 video (media IDs)' },
		],
		default: 'text',
	},
	text('robotContent', 'Content', ['text'], undefined, 4),
	text('robotTitle', 'Title', ['markdown', 'link', 'actionCard'], 'Shown in the conversation list and the notification'),
	text('robotMarkdown', 'Text', ['markdown', 'actionCard'], 'Markdown', 6),
	text('robotPhotoUrl', 'Image URL or Media ID', ['image'], 'A public image address or the media ID of an uploaded image (photoURL)'),
	text('robotLinkText', 'Text', ['link'], undefined, 3),
	text('robotLinkUrl', 'Link URL', ['link'], 'Opened when the message is clicked (messageUrl)'),
	text('robotPicUrl', 'Picture URL or Media ID', ['link'], 'The picture shown with the link (picUrl), e.g. @lADOADmaWMzazQKA'),
	{
		displayName: 'Card Style',
		name: 'robotCardStyle',
		type: 'options',
		displayOptions: when(['actionCard']),
		options: [
			{ name: 'One Link for the Whole Card', value: 'single', description: "DingTalk's sampleActionCard" },
			{ name: 'Vertical Buttons (2–5)', value: 'vertical', description: "DingTalk's sampleActionCard2 … sampleActionCard5" },
			{ name: 'Two Horizontal Buttons', value: 'horizontal', description: "DingTalk's sampleActionCard6" },
		],
		default: 'single',
	},
	{ ...text('robotSingleTitle', 'Button Title', ['actionCard'], 'e.g. 查看详情'), displayOptions: when(['actionCard'], { robotCardStyle: ['single'] }) },
	{ ...text('robotSingleUrl', 'Button URL', ['actionCard']), displayOptions: when(['actionCard'], { robotCardStyle: ['single'] }) },
	{
		displayName: 'Buttons',
		name: 'robotCardButtons',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Button',
		default: {},
		displayOptions: when(['actionCard'], { robotCardStyle: ['vertical', 'horizontal'] }),
		description: 'Vertical: 2 to 5 buttons; horizontal: exactly 2',
		options: [
			{
				displayName: 'Button',
				name: 'button',
				values: [
					{ displayName: 'Title', name: 'title', type: 'string', default: '' },
					{ displayName: 'URL', name: 'url', type: 'string', default: '' },
				],
			},
		],
	},
	text('robotMediaId', 'Media ID', ['audio', 'file', 'video'], 'From uploading the file to DingTalk (media/upload), e.g. @lAz…'),
	{
		displayName: 'Duration (Ms)',
		name: 'robotDurationMs',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 1000,
		displayOptions: when(['audio']),
		description: 'Length of the clip in milliseconds',
	},
	text('robotFileName', 'File Name', ['file'], 'e.g. 表格.xlsx'),
	{
		displayName: 'File Type',
		name: 'robotFileType',
		type: 'options',
		displayOptions: when(['file']),
		options: FILE_TYPES.map((t) => ({ name: t, value: t })),
		default: 'pdf',
	},
	{
		displayName: 'Duration (Seconds)',
		name: 'robotDurationS',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 10,
		displayOptions: when(['video']),
		description: 'Length of the video in seconds',
	},
	text('robotPicMediaId', 'Cover Picture Media ID', ['video'], 'Media ID of the picture shown before the video plays'),
	{
		displayName: 'Message Key',
		name: 'robotMsgKey',
		type: 'string',
		default: 'sampleText',
		required: true,
		displayOptions: whenInput('robotMessage', 'json'),
		description: 'DingTalk\'s msgKey, e.g. sampleText, sampleMarkdown, sampleActionCard2',
	},
	{
		displayName: 'Message Parameters (JSON)',
		name: 'robotMsgParam',
		type: 'json',
		default: '{\n  "content": ""\n}',
		required: true,
		displayOptions: whenInput('robotMessage', 'json'),
		description: "The msgParam object of the message key, e.g. {\"title\": \"…\", \"text\": \"…\"} for sampleMarkdown; sent as JSON text",
	},
];
