import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { optionsCollection } from '../../../common/options';
import { choiceField } from '../../../common/properties';
import type { Operation } from '../../../common/run';
import { utf8Bytes } from '../../../common/validation';
import { ROUTES } from '../../transport';
import type { VanytechAnswer } from '../../transport';

/** Cuts text to at most `max` UTF-8 bytes without splitting a character. */
function cutBytes(s: string, max: number): string {
	let out = '';
	for (const ch of s) {
		if (utf8Bytes(out + ch) > max) break;
		out += ch;
	}
	return out;
}

export const description: INodeProperties[] = [
	{
		displayName:
			'This card goes straight to WeCom (企业微信): it is not kept in the message center and does not show in its portal.',
		name: 'cardNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'User IDs',
		name: 'userIds',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'test1, test2',
		description: 'WeCom user IDs, separated by commas (sent joined with | unless the option User Separator says otherwise)',
	},
	{ displayName: 'Title', name: 'title', type: 'string', default: '', required: true, description: 'At most 128 bytes' },
	{
		displayName: 'Description',
		name: 'description',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		required: true,
		description: 'At most 512 bytes. WeCom text-card HTML such as &lt;div class="gray"&gt;…&lt;/div&gt; is allowed.',
	},
	{
		displayName: 'URL',
		name: 'url',
		type: 'string',
		default: '',
		required: true,
		description: 'Where the card leads; http(s), at most 2048 bytes',
	},
	optionsCollection([
		{
			displayName: 'Button Text',
			name: 'btnTxt',
			type: 'string',
			default: '',
			description: 'At most 4 characters; the platform shows "详情" when empty',
		},
		{
			displayName: 'Shorten Long Text',
			name: 'truncate',
			type: 'boolean',
			default: false,
			description:
				'Whether to cut a title or description that is too long to its byte limit. Off: such input is refused, because the platform would cut it silently.',
		},
		choiceField('User Separator', 'userSeparator', [
			{ name: '| (ASCII, as in the Document\'s Example)', value: '|' },
			{ name: '｜ (Full Width, as in the Document\'s Table)', value: '｜' },
		], '|', {
			description:
				'The character that joins the user IDs in userList. The document\'s table says the full-width ｜, its example uses the ASCII |. Change it only if cards to several users reach nobody or are refused on your platform.',
		}),
	]),
];

export const sendCard: Operation<{ body: IDataObject }> = {
	description,
	sends: true,
	prepare(f) {
		const options = f.param<IDataObject>('options', {});
		const cut = f.yesNo(options.truncate, 'Shorten Long Text', false);
		const separator = options.userSeparator === undefined || options.userSeparator === '' ? '|' : f.oneOf(options.userSeparator, 'User Separator', ['|', '｜']);
		const users = f.list(f.param('userIds'), 'User IDs', /[,;\n，；|｜]/);
		if (users.length === 0) f.fail('User IDs', 'needs at least one user ID');
		const title = f.text(f.param('title'), 'Title', { required: true });
		const desc = f.text(f.param('description'), 'Description', { required: true });
		const body: IDataObject = {
			userList: users.join(separator),
			title: cut ? cutBytes(title, 128) : f.text(title, 'Title', { maxBytes: 128 }),
			description: cut ? cutBytes(desc, 512) : f.text(desc, 'Description', { maxBytes: 512 }),
			url: f.url(f.param('url'), 'URL', { required: true, maxBytes: 2048 }),
		};
		const btn = f.text(options.btnTxt, 'Button Text', { maxLength: 4 });
		if (btn) body.btnTxt = btn;
		return { body };
	},
	async execute(t, { body }, i) {
		await t.call<VanytechAnswer>(ROUTES.sendCard, body, i);
		return { sent: true, userList: body.userList, title: body.title };
	},
};
