import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { combineLists } from '../../../common/combine';
import { rowsOrJsonFields } from '../../../common/fields';
import { optionsCollection } from '../../../common/options';
import { choiceField, multiChoiceField, receiversSpec, requiredText } from '../../../common/properties';
import type { Operation } from '../../../common/run';
import { formatChinaTime, sentTimeOutput } from '../../../common/time';
import type { ItemFields } from '../../../common/validation';
import { ROUTES } from '../../transport';
import type { VanytechAnswer } from '../../transport';
import { convertBracketsOption, smsSafe } from '../shared';

export const CHANNELS = ['WeChat', 'DingTalk', 'Mail', 'SMS', 'IntelligenceMode', 'Portal'] as const;

export const RECEIVERS = receiversSpec(
	[
		{ displayName: 'User ID', name: 'userId', type: 'string', default: '', description: 'Staff or student number (学工号)' },
		{ displayName: 'Name', name: 'name', type: 'string', default: '' },
	],
	'[{"type":"User","userId":"","name":""}]',
	'A JSON array of {"type":"User","userId":"…","name":"…"}',
);

/** Where a message goes (sendChannel). */
export const channelsField = multiChoiceField(
	'Channels',
	'channels',
	[
		{ name: 'DingTalk', value: 'DingTalk' },
		{ name: 'Intelligence Mode', value: 'IntelligenceMode', description: 'Tries the configured channels in order until one succeeds' },
		{ name: 'Mail', value: 'Mail' },
		{ name: 'Portal (Site Message)', value: 'Portal' },
		{ name: 'SMS', value: 'SMS' },
		{ name: 'WeChat', value: 'WeChat' },
	],
	['Portal'],
	{ required: true, description: 'Where to deliver (sendChannel). Several channels may be chosen.' },
);

export const description: INodeProperties[] = [
	requiredText('Title', 'title', { description: 'Message title (msgtitle), at most 100 characters' }),
	choiceField('Message Type', 'msgType', [
		{ name: 'Text', value: '1' },
		{ name: 'Rich Text (HTML)', value: '0', description: 'Graphic message; the content may use HTML tags' },
		{ name: 'External Link', value: '2', description: 'The content is an http(s) address' },
	], '1'),
	requiredText('Content', 'content', { description: 'Message content (msgContent). HTML is allowed. For an external link, an http(s) address.', typeOptions: { rows: 4 } }),
	channelsField,
	...rowsOrJsonFields(RECEIVERS),
	choiceField('Category', 'category', [
		{ name: 'Notice', value: '1' },
		{ name: 'Todo', value: '4', description: 'Shown in the receivers\' todo list until confirmed' },
	], '1'),
	requiredText('Todo Link', 'waitLink', { description: 'Where the todo leads (waitLink), at most 1024 characters', displayOptions: { show: { category: ['4'] } } }),
	choiceField('Schedule', 'schedule', [{ name: 'Send Now', value: '1' }, { name: 'Send Later', value: '2' }], '1'),
	{
		displayName: 'Send At',
		name: 'sendTime',
		type: 'dateTime',
		default: '',
		required: true,
		displayOptions: { show: { schedule: ['2'] } },
		description:
			'When to send; more than 10 minutes from now. A time without a zone (the date picker\'s, or yyyy-MM-dd HH:mm:ss) is China time, whatever the workflow\'s time zone; ISO times with a zone are converted.',
	},
	optionsCollection([
		{
			displayName: 'Allow Replies',
			name: 'isReply',
			type: 'boolean',
			default: false,
			description: 'Whether receivers may reply (read the replies with Get Replies or the trigger)',
		},
		convertBracketsOption,
		{
			displayName: 'Cover Image URL',
			name: 'iconUrl',
			type: 'string',
			default: '',
			description: 'At most 100 characters',
		},
		{
			displayName: 'Intelligence Mode May Use SMS',
			name: 'intelligenceModeSms',
			type: 'boolean',
			default: true,
			description:
				'Whether Intelligence Mode may fall back to SMS on your platform, so that its content is checked for 【】 as SMS text is. Turn off only if your platform\'s intelligence mode has no SMS channel.',
		},
		{
			displayName: 'PC Link',
			name: 'pcUrl',
			type: 'string',
			default: '',
			description: 'Link for the PC portal, at most 1024 characters',
		},
		{
			displayName: 'Summary',
			name: 'summary',
			type: 'string',
			default: '',
			description: 'At most 255 characters',
		},
	]),
];

/** The receivers (rows or JSON), as the platform's receivers JSON lists them. */
export function readReceivers(f: ItemFields): IDataObject[] {
	return f.rowsOrJson(RECEIVERS).map(({ row, label }) => ({
		type: typeof row.type === 'string' && row.type ? row.type : 'User',
		userId: f.text(row.userId, `${label} User ID`, { required: true }),
		name: f.text(row.name, `${label} Name`),
	}));
}

export interface Prepared {
	body: IDataObject;
}

export const send: Operation<Prepared> = {
	description,
	sends: true,
	// Combine Items: one call to many receivers (the document sets no maximum).
	combine: combineLists<Prepared>({ receivers: { format: 'json' } }, { perCallDefault: 100 }),
	prepare(f) {
		const options = f.param<IDataObject>('options', {});
		const channels = f.manyOf(f.param('channels'), 'Channels', CHANNELS);
		const msgType = f.oneOf(f.param('msgType'), 'Message Type', ['0', '1', '2']);
		let content = f.text(f.param('content'), 'Content', { required: true });
		if (msgType === '2') f.url(content, 'Content');
		const convert = f.yesNo(options.convertBrackets, 'Convert 【】 to 〖〗', false);
		const intelligenceSms = f.yesNo(options.intelligenceModeSms, 'Intelligence Mode May Use SMS', true);
		// Intelligence Mode tries the configured channels in turn and may end on SMS.
		if (channels.includes('SMS') || (channels.includes('IntelligenceMode') && intelligenceSms)) {
			content = smsSafe(f, content, 'Content', convert);
		}
		const receivers = readReceivers(f);
		const category = f.oneOf(f.param('category'), 'Category', ['1', '4']);
		const schedule = f.oneOf(f.param('schedule'), 'Schedule', ['1', '2']);
		const body: IDataObject = {
			msgtitle: f.text(f.param('title'), 'Title', { required: true, maxLength: 100 }),
			msgType,
			msgContent: content,
			sendStatus: schedule,
			sendChannel: channels.join(','),
			sendMode: 'normal',
			receivers: JSON.stringify(receivers),
			sendMsgType: category,
			summary: f.text(options.summary, 'Summary', { maxLength: 255 }),
			iconUrl: f.text(options.iconUrl, 'Cover Image URL', { maxLength: 100 }),
			isReply: f.yesNo(options.isReply, 'Allow Replies', false) ? '1' : '0',
			pcUrl: f.text(options.pcUrl, 'PC Link', { maxLength: 1024 }),
		};
		if (category === '4') body.waitLink = f.text(f.param('waitLink'), 'Todo Link', { required: true, maxLength: 1024 });
		if (schedule === '2') {
			const at = f.time(f.param('sendTime'), 'Send At', { required: true, minAheadMs: 10 * 60 * 1000 });
			body.sendTime = formatChinaTime(at as number);
		}
		return { body };
	},
	async execute(t, { body }, i) {
		const answer = await t.call<VanytechAnswer>(ROUTES.send, body, i);
		const out: IDataObject = { ...(answer.resultData as IDataObject) };
		if (typeof body.sendTime === 'string') Object.assign(out, sentTimeOutput(body.sendTime));
		return out;
	},
};
