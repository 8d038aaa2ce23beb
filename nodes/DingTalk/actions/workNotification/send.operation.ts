import type { IDataObject, INodeProperties } from 'n8n-workflow';
import type { Operation } from '../../../common/run';
import type { ItemFields } from '../../../common/validation';
import { answerData, ROUTES } from '../../transport';
import { agentIdField, deptIdList, idNumber, optionsCollection, userIdList } from '../shared';
import { buildMsg, MSG_TYPES, msgProblem } from './msg';
import type { MsgType } from './msg';

/** asyncsend_v2 parameter table: userid_list at most 100, dept_id_list at most 20. */
export const MAX_USERS = 100;
export const MAX_DEPTS = 20;

const show = (...types: MsgType[]) => ({ show: { messageInput: ['fields'], messageType: types } });

export const sendToFields: INodeProperties[] = [
	{
		displayName: 'Send To',
		name: 'sendTo',
		type: 'options',
		options: [
			{ name: 'Users', value: 'users' },
			{ name: 'Departments', value: 'departments', description: 'Everybody in the departments, sub-departments included' },
			{ name: 'Users and Departments', value: 'usersAndDepartments' },
			{ name: 'Everyone', value: 'everyone', description: 'Every member of the organization (to_all_user)' },
		],
		default: 'users',
	},
	{
		displayName: 'User IDs',
		name: 'userIds',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'manager4220, user123',
		displayOptions: { show: { sendTo: ['users', 'usersAndDepartments'] } },
		description: `DingTalk userids, separated by commas (or a list from an expression); at most ${MAX_USERS}`,
	},
	{
		displayName: 'Department IDs',
		name: 'deptIds',
		type: 'string',
		default: '',
		required: true,
		placeholder: '421897262',
		displayOptions: { show: { sendTo: ['departments', 'usersAndDepartments'] } },
		description: `Department IDs, separated by commas; at most ${MAX_DEPTS}`,
	},
];

export const description: INodeProperties[] = [
	agentIdField,
	...sendToFields,
	{
		displayName: 'Message Input',
		name: 'messageInput',
		type: 'options',
		options: [
			{ name: 'Fields', value: 'fields', description: 'Build the message from fields below' },
			{ name: 'JSON', value: 'json', description: 'Give the whole msg object as JSON' },
		],
		default: 'fields',
	},
	{
		displayName: 'Message Type',
		name: 'messageType',
		type: 'options',
		displayOptions: { show: { messageInput: ['fields'] } },
		options: [
			{ name: 'Action Card', value: 'action_card', description: 'Markdown card with one link or several buttons' },
			{ name: 'File', value: 'file', description: 'A file uploaded to DingTalk (media ID)' },
			{ name: 'Image', value: 'image', description: 'An image uploaded to DingTalk (media ID)' },
			{ name: 'Link', value: 'link', description: 'Title, text and picture linking to a page' },
			{ name: 'Markdown', value: 'markdown' },
			{ name: 'OA', value: 'oa', description: 'Approval-style card with a head, form fields and a status bar' },
			{ name: 'Text', value: 'text' },
			{ name: 'Voice', value: 'voice', description: 'An AMR voice clip uploaded to DingTalk (media ID)' },
		],
		default: 'text',
	},
	{
		displayName: 'Message (JSON)',
		name: 'msgJson',
		type: 'json',
		default: '{\n  "msgtype": "text",\n  "text": { "content": "" }\n}',
		required: true,
		displayOptions: { show: { messageInput: ['json'] } },
		description:
			'The msg object as DingTalk documents it ("消息通知类型"): "msgtype" and the object of that type. At most 2048 bytes.',
	},
	{
		displayName: 'Content',
		name: 'textContent',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		required: true,
		displayOptions: show('text'),
		description: 'The text (DingTalk recommends at most 500 characters)',
	},
	{
		displayName: 'Title',
		name: 'markdownTitle',
		type: 'string',
		default: '',
		required: true,
		displayOptions: show('markdown'),
		description: 'Shown in the conversation list and the notification',
	},
	{
		displayName: 'Text',
		name: 'markdownText',
		type: 'string',
		typeOptions: { rows: 6 },
		default: '',
		required: true,
		displayOptions: show('markdown'),
		description: 'Markdown text (at most 5000 characters; the whole message at most 2048 bytes)',
	},
	{
		displayName: 'Message URL',
		name: 'linkMessageUrl',
		type: 'string',
		default: '',
		required: true,
		displayOptions: show('link'),
		description: 'Where a click leads',
	},
	{
		displayName: 'Picture URL',
		name: 'linkPicUrl',
		type: 'string',
		default: '',
		required: true,
		displayOptions: show('link'),
		description: 'A picture address, or the media ID of an uploaded image (@lAD…)',
	},
	{
		displayName: 'Title',
		name: 'linkTitle',
		type: 'string',
		default: '',
		required: true,
		displayOptions: show('link'),
		description: 'At most 100 characters',
	},
	{
		displayName: 'Text',
		name: 'linkText',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		required: true,
		displayOptions: show('link'),
		description: 'At most 500 characters',
	},
	{
		displayName: 'Media ID',
		name: 'mediaId',
		type: 'string',
		default: '',
		required: true,
		placeholder: '@lADOADmaWMzazQKA',
		displayOptions: show('image', 'file', 'voice'),
		description: 'The media_id returned when the file was uploaded to DingTalk (上传媒体文件)',
	},
	{
		displayName: 'Duration (Seconds)',
		name: 'voiceDuration',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 59 },
		default: 10,
		displayOptions: show('voice'),
		description: 'Length of the voice clip, less than 60 seconds',
	},
	{
		displayName: 'Message URL',
		name: 'oaMessageUrl',
		type: 'string',
		default: '',
		required: true,
		displayOptions: show('oa'),
		description: 'Where a click on the message leads',
	},
	{
		displayName: 'Head Text',
		name: 'oaHeadText',
		type: 'string',
		default: '',
		required: true,
		displayOptions: show('oa'),
		description: 'Required by DingTalk, but in work notifications DingTalk shows the app name instead',
	},
	{
		displayName: 'Head Background (ARGB)',
		name: 'oaHeadBg',
		type: 'string',
		default: 'FFBBBBBB',
		required: true,
		displayOptions: show('oa'),
		description: 'Background of the head: 8 hexadecimal digits, alpha first (ARGB), without "0x"',
	},
	{
		displayName: 'Body',
		name: 'oaBody',
		type: 'collection',
		placeholder: 'Add Body Part',
		default: {},
		displayOptions: show('oa'),
		options: [
			{ displayName: 'Author', name: 'author', type: 'string', default: '' },
			{ displayName: 'Content', name: 'content', type: 'string', typeOptions: { rows: 3 }, default: '', description: 'DingTalk shows at most 3 lines' },
			{ displayName: 'File Count', name: 'fileCount', type: 'number', default: 0, description: 'Number of attachments shown' },
			{
				displayName: 'Form',
				name: 'form',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				placeholder: 'Add Form Field',
				default: {},
				description: 'Key-value lines (DingTalk shows at most 6)',
				options: [
					{
						displayName: 'Field',
						name: 'field',
						values: [
							{ displayName: 'Key', name: 'key', type: 'string', default: '', placeholder: 'Name:' },
							{ displayName: 'Value', name: 'value', type: 'string', default: '' },
						],
					},
				],
			},
			{ displayName: 'Image Media ID', name: 'image', type: 'string', default: '', placeholder: '@lADOADmaWMzazQKA' },
			{ displayName: 'Rich Number', name: 'richNum', type: 'string', default: '', description: 'A highlighted number, e.g. 15.6' },
			{ displayName: 'Rich Unit', name: 'richUnit', type: 'string', default: '', description: 'Unit of the highlighted number, e.g. 元' },
			{ displayName: 'Title', name: 'title', type: 'string', default: '', description: 'Body title (50 characters recommended)' },
		],
	},
	{
		displayName: 'OA Options',
		name: 'oaOptions',
		type: 'collection',
		placeholder: 'Add OA Option',
		default: {},
		displayOptions: show('oa'),
		options: [
			{ displayName: 'PC Message URL', name: 'pcMessageUrl', type: 'string', default: '', description: 'Where a click leads in DingTalk on a PC' },
			{
				displayName: 'Status Bar Color',
				name: 'statusBg',
				type: 'string',
				default: '',
				placeholder: '0xFFF65E5E',
				description: '0xFF followed by six hexadecimal digits',
			},
			{
				displayName: 'Status Bar Text',
				name: 'statusValue',
				type: 'string',
				default: '',
				placeholder: '待审批',
				description:
					'A status shown on the message, changeable later with Update OA Status Bar. Only for at most 5 users, without departments.',
			},
		],
	},
	{
		displayName: 'Title',
		name: 'cardTitle',
		type: 'string',
		default: '',
		displayOptions: show('action_card'),
		description: 'Shown in the conversation list and the notification',
	},
	{
		displayName: 'Markdown',
		name: 'cardMarkdown',
		type: 'string',
		typeOptions: { rows: 5 },
		default: '',
		required: true,
		displayOptions: show('action_card'),
		description: 'The card text in Markdown (1000 characters recommended)',
	},
	{
		displayName: 'Card Style',
		name: 'cardStyle',
		type: 'options',
		displayOptions: show('action_card'),
		options: [
			{ name: 'One Link for the Whole Card', value: 'single' },
			{ name: 'Separate Buttons', value: 'buttons' },
		],
		default: 'single',
	},
	{
		displayName: 'Button Title',
		name: 'cardSingleTitle',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show: { messageInput: ['fields'], messageType: ['action_card'], cardStyle: ['single'] } },
		description: 'At most 20 characters, e.g. 查看详情',
	},
	{
		displayName: 'Button URL',
		name: 'cardSingleUrl',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show: { messageInput: ['fields'], messageType: ['action_card'], cardStyle: ['single'] } },
		description: 'At most 500 characters',
	},
	{
		displayName: 'Button Orientation',
		name: 'cardButtonOrientation',
		type: 'options',
		displayOptions: { show: { messageInput: ['fields'], messageType: ['action_card'], cardStyle: ['buttons'] } },
		options: [
			{ name: 'Vertical', value: '0' },
			{ name: 'Horizontal', value: '1' },
		],
		default: '0',
	},
	{
		displayName: 'Buttons',
		name: 'cardButtons',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Button',
		default: {},
		displayOptions: { show: { messageInput: ['fields'], messageType: ['action_card'], cardStyle: ['buttons'] } },
		options: [
			{
				displayName: 'Button',
				name: 'button',
				values: [
					{ displayName: 'Title', name: 'title', type: 'string', default: '', description: 'At most 20 characters' },
					{ displayName: 'URL', name: 'actionUrl', type: 'string', default: '', description: 'At most 700 characters' },
				],
			},
		],
	},
	optionsCollection(),
];

export interface Receivers {
	userid_list?: string;
	dept_id_list?: string;
	to_all_user?: boolean;
}

/** Reads Send To / User IDs / Department IDs. An empty chosen list is refused. */
export function readReceivers(f: ItemFields, maxUsers: number, maxDepts: number, allowEveryone = true): { receivers: Receivers; users: string[]; depts: string[] } {
	const sendTo = f.oneOf(
		f.param('sendTo'),
		'Send To',
		allowEveryone ? (['users', 'departments', 'usersAndDepartments', 'everyone'] as const) : (['users', 'departments', 'usersAndDepartments'] as const),
	);
	const receivers: Receivers = {};
	let users: string[] = [];
	let depts: string[] = [];
	if (sendTo === 'users' || sendTo === 'usersAndDepartments') {
		users = userIdList(f, f.param('userIds'), 'User IDs', maxUsers);
		if (users.length === 0) f.fail('User IDs', 'is empty: give at least one userid');
		receivers.userid_list = users.join(',');
	}
	if (sendTo === 'departments' || sendTo === 'usersAndDepartments') {
		depts = deptIdList(f, f.param('deptIds'), 'Department IDs', maxDepts);
		if (depts.length === 0) f.fail('Department IDs', 'is empty: give at least one department ID');
		receivers.dept_id_list = depts.join(',');
	}
	if (sendTo === 'everyone') receivers.to_all_user = true;
	return { receivers, users, depts };
}

export interface Prepared {
	body: IDataObject;
}

export const send: Operation<Prepared> = {
	description,
	prepare(f) {
		const agentId = idNumber(f, f.param('agentId'), 'Agent ID');
		const { receivers, users, depts } = readReceivers(f, MAX_USERS, MAX_DEPTS);
		const json = f.param('messageInput') === 'json';
		const label = json ? 'Message (JSON)' : 'Message';
		const msg = json
			? (f.json(f.param('msgJson'), 'Message (JSON)', 'object') as IDataObject)
			: buildMsg(f, f.oneOf(f.param('messageType'), 'Message Type', MSG_TYPES));
		const problem = msgProblem(msg);
		if (problem) f.fail(label, problem);
		const oa = msg.oa as IDataObject | undefined;
		if (msg.msgtype === 'oa' && oa?.status_bar !== undefined && (depts.length > 0 || receivers.to_all_user || users.length > 5)) {
			f.fail(
				json ? label : 'Status Bar Text',
				'an OA status bar is allowed only when sending to at most 5 users, without departments or everyone',
			);
		}
		return { body: { agent_id: agentId, ...receivers, msg } };
	},
	async execute(t, { body }, i) {
		const answer = await t.call(ROUTES.asyncsend, body, i);
		return { agent_id: body.agent_id, ...answerData(answer) };
	},
};
