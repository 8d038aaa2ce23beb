/** The fields of an app robot message (see message.ts): a type built from fields, or msgKey + msgParam as JSON. */
import type { INodeProperties } from 'n8n-workflow';
import { whenInput } from '../../../common/fields';
import { choiceField, numberField, requiredText } from '../../../common/properties';
import { buttonsField, messageTypeFields, typeShown } from '../fields';
import type { RobotType } from './message';
import { FILE_TYPES } from './message';

const when = typeShown<RobotType>('robotMessage');

function text(name: string, displayName: string, types: RobotType[], description?: string, rows?: number): INodeProperties {
	return requiredText(displayName, name, { ...(rows ? { typeOptions: { rows } } : {}), displayOptions: when(types), description });
}

export const robotMessageFields: INodeProperties[] = [
	...messageTypeFields('robotMessage', 'Whether to build the message from the fields below or give msgKey and msgParam as JSON', [
		{ name: 'Action Card', value: 'actionCard', description: 'Markdown card with one link or 2–5 buttons' },
		{ name: 'Audio', value: 'audio', description: 'An uploaded ogg or amr clip (media ID)' },
		{ name: 'File', value: 'file', description: 'An uploaded file (media ID)' },
		{ name: 'Image', value: 'image' },
		{ name: 'Link', value: 'link', description: 'Title, text and picture linking to a page' },
		{ name: 'Markdown', value: 'markdown' },
		{ name: 'Text', value: 'text' },
		{ name: 'Video', value: 'video', description: 'An uploaded mp4 video (media IDs)' },
	]),
	text('robotContent', 'Content', ['text'], undefined, 4),
	text('robotTitle', 'Title', ['markdown', 'link', 'actionCard'], 'Shown in the conversation list and the notification'),
	text('robotMarkdown', 'Text', ['markdown', 'actionCard'], 'Markdown', 6),
	text('robotPhotoUrl', 'Image URL or Media ID', ['image'], 'A public image address or the media ID of an uploaded image (photoURL)'),
	text('robotLinkText', 'Text', ['link'], undefined, 3),
	text('robotLinkUrl', 'Link URL', ['link'], 'Opened when the message is clicked (messageUrl)'),
	text('robotPicUrl', 'Picture URL or Media ID', ['link'], 'The picture shown with the link (picUrl), e.g. @lADOADmaWMzazQKA'),
	choiceField('Card Style', 'robotCardStyle', [
		{ name: 'One Link for the Whole Card', value: 'single', description: "DingTalk's sampleActionCard" },
		{ name: 'Vertical Buttons (2–5)', value: 'vertical', description: "DingTalk's sampleActionCard2 … sampleActionCard5" },
		{ name: 'Two Horizontal Buttons', value: 'horizontal', description: "DingTalk's sampleActionCard6" },
	], 'single', { displayOptions: when(['actionCard']) }),
	{ ...text('robotSingleTitle', 'Button Title', ['actionCard'], 'e.g. 查看详情'), displayOptions: when(['actionCard'], { robotCardStyle: ['single'] }) },
	{ ...text('robotSingleUrl', 'Button URL', ['actionCard']), displayOptions: when(['actionCard'], { robotCardStyle: ['single'] }) },
	buttonsField('robotCardButtons', 'url', {
		displayOptions: when(['actionCard'], { robotCardStyle: ['vertical', 'horizontal'] }),
		description: 'Vertical: 2 to 5 buttons; horizontal: exactly 2',
	}),
	text('robotMediaId', 'Media ID', ['audio', 'file', 'video'], 'From uploading the file to DingTalk (media/upload), e.g. @lAz…'),
	numberField('Duration (Ms)', 'robotDurationMs', 1000, { typeOptions: { minValue: 1 }, displayOptions: when(['audio']), description: 'Length of the clip in milliseconds' }),
	text('robotFileName', 'File Name', ['file'], 'e.g. 表格.xlsx'),
	choiceField('File Type', 'robotFileType', FILE_TYPES.map((t) => ({ name: t, value: t })), 'pdf', { displayOptions: when(['file']) }),
	numberField('Duration (Seconds)', 'robotDurationS', 10, { typeOptions: { minValue: 1 }, displayOptions: when(['video']), description: 'Length of the video in seconds' }),
	text('robotPicMediaId', 'Cover Picture Media ID', ['video'], 'Media ID of the picture shown before the video plays'),
	requiredText('Message Key', 'robotMsgKey', {
		default: 'sampleText',
		displayOptions: whenInput('robotMessage', 'json'),
		description: 'DingTalk\'s msgKey, e.g. sampleText, sampleMarkdown, sampleActionCard2',
	}),
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
