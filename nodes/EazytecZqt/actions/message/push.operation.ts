import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { rowsOrJsonFields } from '../../../common/fields';
import type { RowsOrJsonSpec } from '../../../common/fields';
import { optionsCollection } from '../../../common/options';
import { choiceField } from '../../../common/properties';
import type { Operation } from '../../../common/run';
import { ROUTES } from '../../transport';
import { USER_TYPES } from './outbox';
import { appIdField } from './send.fields';
import { appIdOf, userType } from './shared';

/** The push's receivers: `users[]` of userid and usertype (no org or department, unlike a send). */
const USERS: RowsOrJsonSpec = {
	name: 'users',
	displayName: 'Receivers',
	rowName: 'user',
	rowDisplayName: 'Receiver',
	values: [
		{ displayName: 'User ID', name: 'userId', type: 'string', default: '', description: 'The receiver\'s ZQT user ID (userid)' },
		choiceField('User Type', 'userType', USER_TYPES, 2),
	],
	jsonExample: '[{"userid":"","usertype":2}]',
	jsonDescription: 'A JSON array of {"userid","usertype" (1 government, 2 enterprise)}',
};

export const description: INodeProperties[] = [
	{
		displayName:
			'A push notification to the ZQT mobile app (推送手机端), without an inbox message. Send with "Push to Mobile" turned on delivers a message and pushes it.',
		name: 'pushNotice',
		type: 'notice',
		default: '',
	},
	choiceField('Type', 'pushType', [
		{ name: 'Message', value: 'msg', description: '消息 (msg)' },
		{ name: 'Workflow To-Do', value: 'task', description: '流程待办 (task)' },
	], 'msg', { description: 'What the push is about (type, 业务标示)' }),
	{ displayName: 'Title', name: 'title', type: 'string', default: '', required: true, description: 'Push title (msg.title)' },
	...rowsOrJsonFields(USERS),
	optionsCollection([
		{ ...appIdField, description: 'The client ID of your application (msg.appid). Leave empty to use the Client ID of the credential.' },
		{ displayName: 'Content', name: 'content', type: 'string', typeOptions: { rows: 3 }, default: '', description: 'Push text (msg.content)' },
		{
			displayName: 'Parameters (JSON)',
			name: 'params',
			type: 'json',
			default: '{}',
			description: 'Further fields of params, as agreed with the mobile app\'s developers (the document: "与手机端商定所需参数")',
		},
		{ displayName: 'Subtitle', name: 'subtitle', type: 'string', default: '', description: 'Push subtitle (msg.subtitle)' },
		{ displayName: 'URL', name: 'url', type: 'string', default: '', description: 'The link the push opens, sent in params' },
	]),
];

interface Prepared {
	body: IDataObject;
}

export const pushToMobile: Operation<Prepared> = {
	description,
	sends: true,
	async prepare(f) {
		const options = f.param<IDataObject>('options', {});
		const msg: IDataObject = { title: f.text(f.param('title'), 'Title', { required: true }) };
		for (const [key, label] of [
			['subtitle', 'Subtitle'],
			['content', 'Content'],
		]) {
			const v = f.text(options[key], label);
			if (v) msg[key] = v;
		}
		// The document: the App ID is optional ("申请的clientID"); the credential's Client ID by default.
		const appId = await appIdOf(this, f, options.appId, false);
		if (appId) msg.appid = appId;
		const params: IDataObject =
			options.params === undefined || (typeof options.params === 'string' && options.params.trim() === '')
				? {}
				: { ...(f.json(options.params, 'Parameters (JSON)', 'object') as IDataObject) };
		const url = f.text(options.url, 'URL');
		if (url) params.url = url;
		const users = f.rowsOrJson(USERS).map(({ row: r, label }) => ({
			userid: f.text(r.userid ?? r.userId, `${label} User ID`, { required: true }),
			usertype: userType(f, r.usertype ?? r.userType, `${label} User Type`),
		}));
		const body: IDataObject = { type: f.oneOf(f.param('pushType', 'msg'), 'Type', ['msg', 'task']), msg };
		if (Object.keys(params).length) body.params = params;
		body.users = users;
		return { body };
	},
	async execute(t, { body }, i) {
		const answer = await t.call(ROUTES.push, body, i);
		const out: IDataObject = { status: answer.status as number, msg: answer.msg as string };
		if (answer.data !== undefined) out.data = answer.data;
		return out;
	},
};
