import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { rowsOrJsonFields } from '../../../common/fields';
import type { Operation } from '../../../common/run';
import type { ItemFields } from '../../../common/validation';
import { SEND_PATH } from '../../transport/environments';

/** The categories the document lists, and the one its example sends (通知公告). */
export const CATEGORIES = ['公共公示', '新闻通知', '政策公示', '会议通知'] as const;
const CATEGORIES_ACCEPTED = [...CATEGORIES, '通知公告'];
/** The levels the document lists, and the one its example sends (一般). */
export const LEVELS = ['紧急', '重要', '普通'] as const;
const LEVELS_ACCEPTED = [...LEVELS, '一般'];

const USER_TYPES = [
	{ name: 'Government', value: 1, description: '政府 (user type 1)' },
	{ name: 'Enterprise', value: 2, description: '企业 (user type 2)' },
];

export const description: INodeProperties[] = [
	{
		displayName: 'App ID',
		name: 'appId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'zqtong_gov_app_client',
		description: 'The client ID Eazytec issued to your application (appid, 申请的clientID); usually the Client ID of the credential',
	},
	{
		displayName: 'App Name',
		name: 'appName',
		type: 'string',
		default: '',
		required: true,
		placeholder: '政企消息',
		description: 'The name of your application (appname)',
	},
	{
		displayName: 'Title',
		name: 'title',
		type: 'string',
		default: '',
		required: true,
		description: 'Message title',
	},
	{
		displayName: 'Body (HTML)',
		name: 'body',
		type: 'string',
		typeOptions: { rows: 5 },
		default: '',
		required: true,
		placeholder: "<div class='show_content'>…</div>",
		description: 'The message body, HTML rich text',
	},
	{
		displayName: 'Sender Name',
		name: 'senderName',
		type: 'string',
		default: '',
		required: true,
		placeholder: '宜兴人民政府',
		description: 'How the sender is shown to receivers (params.sender, display only)',
	},
	{
		displayName: 'Category',
		name: 'category',
		type: 'options',
		options: [
			{ name: 'Meeting Notice (会议通知)', value: '会议通知' },
			{ name: 'News Notice (新闻通知)', value: '新闻通知' },
			{ name: 'Policy Announcement (政策公示)', value: '政策公示' },
			{ name: 'Public Announcement (公共公示)', value: '公共公示' },
		],
		default: '新闻通知',
		description: 'Message category (msgcategory)',
	},
	{
		displayName: 'Level',
		name: 'level',
		type: 'options',
		options: [
			{ name: 'Important (重要)', value: '重要' },
			{ name: 'Normal (普通)', value: '普通' },
			{ name: 'Urgent (紧急)', value: '紧急' },
		],
		default: '普通',
		description: 'Message level (msglevel)',
	},
	{
		displayName: 'Sender User ID',
		name: 'fromUserId',
		type: 'string',
		default: '',
		required: true,
		description: 'The ZQT user ID of the sender (from.userid)',
	},
	{
		displayName: 'Sender User Type',
		name: 'fromUserType',
		type: 'options',
		options: USER_TYPES,
		default: 1,
		description: 'Whether the sender is a government or an enterprise user (from.usertype)',
	},
	{
		displayName: 'Sender Org ID',
		name: 'fromOrgId',
		type: 'string',
		default: '',
		required: true,
		description: 'The sender\'s organization: the government label ID (labelid) or the enterprise base ID (baseid) (from.orgid)',
	},
	...rowsOrJsonFields({
		name: 'receivers',
		displayName: 'Receivers',
		rowName: 'receiver',
		rowDisplayName: 'Receiver',
		values: [
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
		jsonExample: '[{"userid":"","usertype":2,"orgid":"","deptid":""}]',
		jsonDescription: 'A JSON array of {"userid","usertype" (1 government, 2 enterprise),"orgid","deptid" (optional)}',
	}),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
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
				description: 'Message class (msgtype); 0 = government-enterprise message (政企消息), the only documented value',
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
		],
	},
];

export interface Prepared {
	body: IDataObject;
}

const flag = (v: unknown) => (v ? '1' : '0');

function userType(f: ItemFields, value: unknown, label: string): number {
	const named: Record<string, number> = { government: 1, enterprise: 2 };
	const v = typeof value === 'string' && named[value.trim().toLowerCase()] ? named[value.trim().toLowerCase()] : value;
	if (v === undefined || v === null || v === '') f.fail(label, 'is required but empty (1 = government, 2 = enterprise)');
	const n = f.integer(v, label);
	if (n !== 1 && n !== 2) f.fail(label, `${n} is not 1 (government) or 2 (enterprise)`);
	return n;
}

/** Receivers from the rows (User ID, …) or from JSON (the document's userid, usertype, orgid, deptid). */
function receiversOf(f: ItemFields): IDataObject[] {
	return f.rowsOrJson({ name: 'receivers', displayName: 'Receivers', rowName: 'receiver' }).map(({ row: r, label }) => ({
		userid: f.text(r.userid ?? r.userId, `${label} User ID`, { required: true }),
		usertype: userType(f, r.usertype ?? r.userType, `${label} User Type`),
		orgid: f.text(r.orgid ?? r.orgId, `${label} Org ID`, { required: true }),
		deptid: f.text(r.deptid ?? r.deptId, `${label} Department ID`),
	}));
}

export const send: Operation<Prepared> = {
	description,
	prepare(f) {
		const options = f.param<IDataObject>('options', {});
		const params: IDataObject = {
			sender: f.text(f.param('senderName'), 'Sender Name', { required: true }),
			msgcategory: f.oneOf(f.param('category'), 'Category', CATEGORIES_ACCEPTED),
			msglevel: f.oneOf(f.param('level'), 'Level', LEVELS_ACCEPTED),
		};
		const recipientRow = (options.recipient as IDataObject | undefined)?.values as IDataObject | undefined;
		if (recipientRow) {
			const recipient: IDataObject = {};
			const orgId = f.text(recipientRow.orgId, 'Recipient Description: Government Org ID');
			if (orgId) recipient.orgId = orgId;
			for (const [key, label] of [
				['esNameList', 'Label esNames'],
				['companyIdList', 'Company IDs'],
				['linkmenTypeList', 'Contact Types'],
			]) {
				const list = f.list(recipientRow[key], `Recipient Description: ${label}`);
				if (list.length) recipient[key] = list;
			}
			if (Object.keys(recipient).length) params.recipient = JSON.stringify(recipient);
		}
		const attachments = f.rows(options.attachments, 'attachment').map((a, n) => ({
			name: f.text(a.name, `Attachments row ${n + 1} Name`, { required: true }),
			path: f.text(a.path, `Attachments row ${n + 1} Path`, { required: true }),
		}));
		if (attachments.length) {
			params.hasatt = '1';
			params.attfiles = JSON.stringify(attachments);
		}
		if (options.needReply !== undefined) params.needreply = flag(options.needReply);
		if (options.needSms !== undefined) params.needsms = flag(options.needSms);
		const redirectPc = f.text(options.redirectPc, 'PC Link');
		if (redirectPc) params.redirect_pc = redirectPc;
		const redirectApp = f.text(options.redirectApp, 'App Link');
		if (redirectApp) params.redirect_app = redirectApp;

		const sendData: IDataObject = {
			appid: f.text(f.param('appId'), 'App ID', { required: true }),
			appname: f.text(f.param('appName'), 'App Name', { required: true }),
			title: f.text(f.param('title'), 'Title', { required: true }),
			body: f.text(f.param('body'), 'Body (HTML)', { required: true }),
			msgtype: f.integer(options.msgType ?? 0, 'Message Type', { min: 0 }),
		};
		if (options.extMap !== undefined && !(typeof options.extMap === 'string' && options.extMap.trim() === '')) {
			const ext = f.json(options.extMap, 'Extension Fields (JSON)', 'object') as IDataObject;
			if (Object.keys(ext).length) sendData.extMap = ext;
		}
		if (options.needPush !== undefined) sendData.needpush = options.needPush ? 1 : 0;
		sendData.params = params;

		const from: IDataObject = {
			userid: f.text(f.param('fromUserId'), 'Sender User ID', { required: true }),
			usertype: userType(f, f.param('fromUserType'), 'Sender User Type'),
			orgid: f.text(f.param('fromOrgId'), 'Sender Org ID', { required: true }),
		};
		const deptId = f.text(options.fromDeptId, 'Sender Department ID');
		if (deptId) from.deptid = deptId;

		return { body: { sendData, from, to: receiversOf(f) } };
	},
	async execute(t, { body }, i) {
		const answer = await t.request<IDataObject>(
			{ method: 'POST', url: SEND_PATH, body, json: true, headers: { 'Content-Type': 'application/json' } },
			i,
		);
		return { outboxId: answer.data as string, status: answer.status as number, msg: answer.msg as string };
	},
};
