import type { INodeProperties } from 'n8n-workflow';
import { rowsOrJsonFields } from '../../../common/fields';
import { optionsCollection } from '../../../common/options';
import { choiceField, receiversSpec, requiredText } from '../../../common/properties';

/**
 * The categories the document lists (also exactly what the 消息类型字典 interface answers in its
 * example), and the one the send's example sends (通知公告).
 */
export const CATEGORIES = ['公共公示', '新闻通知', '政策公示', '会议通知'] as const;
/** English names for the documented categories (the Chinese value is what is sent). */
export const CATEGORY_NAMES: Record<string, string> = {
	公共公示: 'Public Announcement',
	新闻通知: 'News Notice',
	政策公示: 'Policy Announcement',
	会议通知: 'Meeting Notice',
	通知公告: 'Notice',
};
export const CATEGORIES_ACCEPTED = [...CATEGORIES, '通知公告'];
/** The levels the document lists, and the one its example sends (一般). */
export const LEVELS = ['紧急', '重要', '普通'] as const;
export const LEVELS_ACCEPTED = [...LEVELS, '一般'];

const USER_TYPES = [
	{ name: 'Government', value: 1, description: '政府 (user type 1)' },
	{ name: 'Enterprise', value: 2, description: '企业 (user type 2)' },
];

/** The receivers (to), in rows or as the document's JSON array. */
export const RECEIVERS = receiversSpec(
	[
		{ displayName: 'User ID', name: 'userId', type: 'string', default: '', description: 'The receiver\'s ZQT user ID (userid)' },
		{ displayName: 'User Type', name: 'userType', type: 'options', options: USER_TYPES, default: 2 },
		{
			displayName: 'Org ID',
			name: 'orgId',
			type: 'string',
			default: '',
			description: 'Government label ID or enterprise base ID (orgid)',
		},
		{ displayName: 'Department ID', name: 'deptId', type: 'string', default: '', description: 'Optional (deptid)' },
	],
	'[{"userid":"","usertype":2,"orgid":"","deptid":""}]',
	'A JSON array of {"userid","usertype" (1 government, 2 enterprise),"orgid","deptid" (optional)}',
);

export const appIdField: INodeProperties = {
	displayName: 'App ID',
	name: 'appId',
	type: 'string',
	default: '',
	placeholder: 'zqtong_gov_app_client',
	description: 'The client ID Eazytec issued to your application (appid, 申请的clientID). Leave empty to use the Client ID of the credential.',
};

export const description: INodeProperties[] = [
	appIdField,
	requiredText('App Name', 'appName', { description: 'The name of your application (appname)', placeholder: '政企消息' }),
	requiredText('Title', 'title', { description: 'Message title' }),
	requiredText('Body (HTML)', 'body', { description: 'The message body, HTML rich text', typeOptions: { rows: 5 }, placeholder: "<div class='show_content'>…</div>" }),
	requiredText('Sender Name', 'senderName', { description: 'How the sender is shown to receivers (params.sender, display only)', placeholder: '宜兴人民政府' }),
	{
		displayName: 'Category Name or ID',
		name: 'category',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getCategories' },
		default: '新闻通知',
		description:
			'Message category (msgcategory), from the platform\'s category dictionary (the documented four when it cannot be read). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	choiceField('Level', 'level', [
		{ name: 'Important (重要)', value: '重要' },
		{ name: 'Normal (普通)', value: '普通' },
		{ name: 'Urgent (紧急)', value: '紧急' },
	], '普通', { description: 'Message level (msglevel)' }),
	requiredText('Sender User ID', 'fromUserId', { description: 'The ZQT user ID of the sender (from.userid)' }),
	choiceField('Sender User Type', 'fromUserType', USER_TYPES, 1, { description: 'Whether the sender is a government or an enterprise user (from.usertype)' }),
	requiredText('Sender Org ID', 'fromOrgId', { description: 'The sender\'s organization: the government label ID (labelid) or the enterprise base ID (baseid) (from.orgid)' }),
	...rowsOrJsonFields(RECEIVERS),
	optionsCollection([
		{
			displayName: 'Allow Other Message Types',
			name: 'allowOtherMsgTypes',
			type: 'boolean',
			default: false,
			description: 'Whether a Message Type other than 0 may be sent. The send document lists only 0; the outbox page also names 1 (internal) and 10 (subscription).',
		},
		{
			displayName: 'App Link',
			name: 'redirectApp',
			type: 'string',
			default: '',
			placeholder: 'ZQT_xx/#/detail',
			description: 'Where the message leads in the mobile app (redirect_app)',
		},
		{
			displayName: 'Attachments',
			name: 'attachments',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Attachment',
			default: {},
			description: 'Files shown with the message (attfiles); the node also sets hasatt',
			options: [
				{
					displayName: 'Attachment',
					name: 'attachment',
					values: [
						{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'File name shown to receivers' },
						{ displayName: 'Path', name: 'path', type: 'string', default: '', description: 'Address of the file' },
					],
				},
			],
		},
		{
			displayName: 'Extension Fields (JSON)',
			name: 'extMap',
			type: 'json',
			default: '{}',
			description: 'A JSON object of extra fields for the platform (extMap)',
		},
		{
			displayName: 'Message Type',
			name: 'msgType',
			type: 'number',
			default: 0,
			description: 'Message class (msgtype); 0 = government-enterprise message (政企消息), the only documented value for a send',
		},
		{
			displayName: 'Needs Reply',
			name: 'needReply',
			type: 'boolean',
			default: false,
			description: 'Whether receivers are asked to reply (needreply)',
		},
		{
			displayName: 'PC Link',
			name: 'redirectPc',
			type: 'string',
			default: '',
			description: 'Where the message leads on the PC (redirect_pc)',
		},
		{
			displayName: 'Push to Mobile',
			name: 'needPush',
			type: 'boolean',
			default: false,
			description: 'Whether to push the message to the mobile app (needpush)',
		},
		{
			displayName: 'Recipient Description',
			name: 'recipient',
			type: 'fixedCollection',
			default: {},
			placeholder: 'Add Recipient Description',
			description: 'Who the message is addressed to, as shown in the inbox (recipient); sent as JSON text',
			options: [
				{
					displayName: 'Recipient',
					name: 'values',
					values: [
						{ displayName: 'Government Org ID', name: 'orgId', type: 'string', default: '', description: 'Government base ID (orgId)' },
						{
							displayName: 'Label esNames',
							name: 'esNameList',
							type: 'string',
							default: '',
							description: 'Label esNames, separated by commas (esNameList)',
						},
						{
							displayName: 'Company IDs',
							name: 'companyIdList',
							type: 'string',
							default: '',
							description: 'Enterprise base IDs, separated by commas (companyIdList)',
						},
						{
							displayName: 'Contact Types',
							name: 'linkmenTypeList',
							type: 'string',
							default: '',
							description: 'Contact categories, separated by commas (linkmenTypeList)',
						},
					],
				},
			],
		},
		{
			displayName: 'Sender Department ID',
			name: 'fromDeptId',
			type: 'string',
			default: '',
			description: 'The sender\'s department (from.deptid)',
		},
		{
			displayName: 'SMS Reminder',
			name: 'needSms',
			type: 'boolean',
			default: false,
			description: 'Whether receivers also get an SMS reminder (needsms)',
		},
	]),
];
