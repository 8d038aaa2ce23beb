import type { IDataObject, INodeProperties, INodePropertyCollection } from 'n8n-workflow';
import { inputModeField, whenInput } from '../../../common/fields';
import { textField } from '../../../common/properties';
import type { Operation } from '../../../common/run';
import type { ItemFields } from '../../../common/validation';
import { ROUTES, sendResult } from '../../transport';
import { checkChannelData, checkParamData, DHC_COMBINE, sendBody } from './shared.checks';
import { DOCUMENT_CHANNELS, optionsField, receiverFields } from './shared.fields';

const channelCodeField = (code: string, kind: string): INodeProperties => ({
	displayName: 'Channel Code',
	name: 'channelCode',
	type: 'string',
	default: code,
	description: `The code of a ${kind} channel on your platform. Codes are configured per deployment; the document's example uses ${code}.`,
});

/** A channel's group of Channel Content: its code (the document's example by default), then its fields. */
const channelGroup = (displayName: string, name: keyof typeof DOCUMENT_CHANNELS, kind: string, values: INodeProperties[]): INodePropertyCollection => ({
	displayName,
	name,
	values: [channelCodeField(DOCUMENT_CHANNELS[name], kind), ...values],
});

/** The content of a site letter or an email. */
const htmlContentField: INodeProperties = {
	displayName: 'Content',
	name: 'content',
	type: 'string',
	typeOptions: { rows: 4 },
	default: '',
	description: 'Required. HTML is allowed.',
};

export const description: INodeProperties[] = [
	{
		displayName:
			'Channel codes are configured on each deployment. The defaults below (1001 SMS, 1002 site letter, 1003 email) are the document\'s examples: ask the platform\'s administrator for yours.',
		name: 'channelCodesNotice',
		type: 'notice',
		default: '',
	},
	inputModeField({
		name: 'content',
		displayName: 'Content',
		description: 'Whether to fill the content per channel in fields or give the whole channelData object as JSON',
	}),
	{
		displayName: 'Channel Content',
		name: 'channelContent',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Channel',
		default: {},
		displayOptions: whenInput('content', 'fields'),
		description: 'What to send on each channel. The message goes out on every channel given here.',
		options: [
			channelGroup('Site Letter (站内信)', 'siteLetter', 'site letter', [
				textField('Title', 'title'),
				htmlContentField,
				textField('Detail Link', 'website', { placeholder: 'https://his.example.org/notice/1', description: 'Where the message\'s details are (website)' }),
			]),
			channelGroup('SMS (短信)', 'sms', 'SMS', [
				textField('Signature', 'sign', { placeholder: '东华医为', description: 'SMS signature (sign)' }),
				textField('Template ID', 'templateId', { placeholder: 'T100101', description: 'For SMS gateways that only send templates: the SMS template ID' }),
				{
					displayName: 'Template Parameters',
					name: 'paramData',
					type: 'json',
					default: '{}',
					description: 'The SMS template\'s parameters as a JSON object, for example {"code": "1001", "time": 5}',
				},
				textField('Text', 'content', {
					typeOptions: { rows: 3 },
					description: 'Free SMS text, for gateways that accept it. Give a template ID, a text, or both.',
				}),
			]),
			channelGroup('Email (邮件)', 'email', 'email', [
				textField('Subject', 'title'),
				htmlContentField,
			]),
		],
	},
	{
		displayName: 'Channel Data (JSON)',
		name: 'channelDataJson',
		type: 'json',
		default: '{\n  "1002": { "title": "", "content": "", "website": "" }\n}',
		displayOptions: whenInput('content', 'json'),
		description:
			'Channel code -> content. Site letter {"title","content","website"}, SMS {"sign","templateData":{"templateId","paramData":{}},"content"}, email {"title","content"}.',
	},
	...receiverFields('channel'),
	optionsField('channel'),
];

/** channelData built from the Channel Content rows (before the shared check). */
function channelDataFromFields(f: ItemFields): IDataObject {
	const value = f.param<IDataObject>('channelContent', {});
	const data: IDataObject = {};
	const add = (kind: string, label: string, n: number, code: unknown, content: IDataObject) => {
		const where = `${label} ${n + 1} Channel Code`;
		const c = f.text(code, where, { required: true }).trim();
		if (data[c]) f.fail(where, `channel ${c} is given twice`);
		const required = kind !== 'sms';
		if (required && (typeof content.content !== 'string' || content.content.trim() === '')) {
			f.fail(`${label} ${n + 1} Content`, 'is required but empty');
		}
		data[c] = content;
	};
	f.rows(value, 'siteLetter').forEach((r, n) =>
		add('siteLetter', 'Site Letter', n, r.channelCode, {
			title: f.text(r.title, `Site Letter ${n + 1} Title`),
			content: f.text(r.content, `Site Letter ${n + 1} Content`),
			website: f.text(r.website, `Site Letter ${n + 1} Detail Link`),
		}),
	);
	f.rows(value, 'sms').forEach((r, n) => {
		const label = `SMS ${n + 1}`;
		const templateId = f.text(r.templateId, `${label} Template ID`).trim();
		const params = r.paramData;
		const hasParams =
			params !== undefined && params !== null && !(typeof params === 'string' && ['', '{}'].includes(params.trim()));
		const paramData = hasParams ? checkParamData(f, params, `${label} Template Parameters`) : undefined;
		if (paramData && !templateId && Object.keys(paramData).length) {
			f.fail(`${label} Template ID`, 'is empty, but Template Parameters are given');
		}
		const text = f.text(r.content, `${label} Text`);
		if (!templateId && text.trim() === '') {
			f.fail(`${label} Text`, 'is empty and so is Template ID', 'An SMS needs a template ID (with its parameters) or a text.');
		}
		const content: IDataObject = { sign: f.text(r.sign, `${label} Signature`), content: text };
		if (templateId) content.templateData = paramData ? { templateId, paramData } : { templateId };
		add('sms', 'SMS', n, r.channelCode, content);
	});
	f.rows(value, 'email').forEach((r, n) =>
		add('email', 'Email', n, r.channelCode, {
			title: f.text(r.title, `Email ${n + 1} Subject`),
			content: f.text(r.content, `Email ${n + 1} Content`),
		}),
	);
	if (Object.keys(data).length === 0) {
		f.fail('Channel Content', 'gives no channel', 'Add content for at least one channel (site letter, SMS or email).');
	}
	return data;
}

export interface Prepared {
	body: IDataObject;
}

export const sendByChannel: Operation<Prepared> = {
	description,
	sends: true,
	// Combine Items: one call to many receivers (the document sets no maximum); "everyone" goes alone.
	combine: DHC_COMBINE,
	prepare(f) {
		const channelData = f.isJson('content')
			? checkChannelData(f, f.json(f.param('channelDataJson'), 'Channel Data (JSON)', 'object') as IDataObject, 'Channel Data (JSON)')
			: checkChannelData(f, channelDataFromFields(f), 'Channel Content');
		return { body: sendBody(f, 'channel', { channelData }, Object.keys(channelData)) };
	},
	async execute(t, { body }, i) {
		return sendResult(await t.call(ROUTES.sendByChannel, body, i), body);
	},
};
