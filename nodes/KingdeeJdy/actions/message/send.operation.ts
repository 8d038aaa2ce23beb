import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { combineLists } from '../../../common/combine';
import { optionsCollection } from '../../../common/options';
import { multiChoiceField, requiredText } from '../../../common/properties';
import type { Operation } from '../../../common/run';
import { ROUTES } from '../../transport';
import type { KingdeeAnswer } from '../../transport';

export const CHANNELS = ['XXZX', 'APP', 'QYWX', 'DD'] as const;

export const description: INodeProperties[] = [
	multiChoiceField(
		'Channels',
		'channels',
		[
			{ name: 'DingTalk (DD)', value: 'DD' },
			{ name: 'Kingdee Cloud App (APP)', value: 'APP', description: 'The 金蝶云 mobile app' },
			{ name: 'Message Center (XXZX)', value: 'XXZX', description: 'The 消息中心 inside Kingdee JDY' },
			{ name: 'WeCom (QYWX)', value: 'QYWX', description: 'WeCom (企业微信), when the account is connected to it' },
		],
		['XXZX'],
		{ required: true, description: 'Where Kingdee delivers the message (channel). Several channels may be chosen.' },
	),
	{
		displayName:
			'Kingdee\'s document advises always including Message Center (XXZX), so that the message also appears in the JDY message center',
		name: 'channelsNotice',
		type: 'notice',
		default: '',
	},
	requiredText('Receivers', 'receivers', {
		description: 'Kingdee user IDs of the receivers, separated by commas or new lines, or an expression that returns an array of IDs',
		placeholder: '333, 334',
	}),
	requiredText('Title', 'title', { description: 'Message title' }),
	requiredText('Content', 'content', { description: 'Message content', typeOptions: { rows: 4 } }),
	optionsCollection([
		{
			displayName: 'Include Raw Response',
			name: 'rawResponse',
			type: 'boolean',
			default: false,
			description: 'Whether to add the platform\'s whole answer as "raw" to the output',
		},
	]),
];

export interface Prepared {
	body: { channel: string[]; content: string; receivers: string[]; title: string };
	raw: boolean;
}

export const send: Operation<Prepared> = {
	description,
	sends: true,
	// Combine Items: one call to many receivers (the document sets no maximum); each output names its own.
	combine: combineLists<Prepared>({ receivers: {} }, { perCallDefault: 100, output: (out, p) => ({ ...out, receivers: p.body.receivers }) }),
	prepare(f) {
		const options = f.param<IDataObject>('options', {});
		const channel = f.manyOf(f.param('channels'), 'Channels', CHANNELS);
		const receivers = [...new Set(f.list(f.param('receivers'), 'Receivers'))];
		if (receivers.length === 0) f.fail('Receivers', 'needs at least one Kingdee user ID');
		return {
			body: {
				channel,
				content: f.text(f.param('content'), 'Content', { required: true }),
				receivers,
				title: f.text(f.param('title'), 'Title', { required: true }),
			},
			raw: f.yesNo(options.rawResponse, 'Include Raw Response', false),
		};
	},
	async execute(t, { body, raw }, i) {
		const answer = await t.call<KingdeeAnswer>(ROUTES.send, body, i);
		const data = (answer.data ?? {}) as IDataObject;
		const out: IDataObject = {
			success: data.success === true,
			message: typeof data.data === 'string' && data.data !== '' ? data.data : (answer.description ?? ''),
			channels: body.channel,
			receivers: body.receivers,
			title: body.title,
		};
		if (raw) out.raw = answer as unknown as IDataObject;
		return out;
	},
};
