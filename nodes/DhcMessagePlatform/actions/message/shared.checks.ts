/** Reading and checking what both sends take: receivers, channel content, SMS template parameters, options. */
import type { IDataObject } from 'n8n-workflow';
import { isObject } from '../../../common/answers';
import { combineLists } from '../../../common/combine';
import { formatChinaTime } from '../../../common/time';
import type { ItemFields } from '../../../common/validation';
import { RECEIVER_TYPES, SPECIFIED_KEYS, SPECIFIED_LABELS } from './shared.fields';
import type { ReceiverType, SendKind } from './shared.fields';

const CONTENT_KEYS = ['title', 'content', 'website', 'sign', 'templateData'];

/** A list of codes or accounts: an array, or text separated by commas, semicolons or new lines. */
function codeList(f: ItemFields, value: unknown, label: string): string[] {
	if (Array.isArray(value)) {
		return [
			...new Set(
				value.map((v, n) => {
					if (typeof v === 'number') return String(v);
					if (typeof v !== 'string' || v.trim() === '') {
						return f.fail(label, `entry ${n + 1} is ${JSON.stringify(v)}, not a code`);
					}
					return v.trim();
				}),
			),
		];
	}
	return [...new Set(f.list(value, label))];
}

/**
 * Checks a receiverData object (built from the fields or given as JSON) and returns it cleaned:
 * "specified" needs at least one user, department, post or role code; "custom" needs channel
 * codes with at least one account each and, on the channel send, content for every such channel.
 */
export function checkReceiverData(
	f: ItemFields,
	type: 'specified' | 'custom',
	data: IDataObject,
	label: string,
	contentCodes?: string[],
): IDataObject {
	const out: IDataObject = {};
	if (type === 'specified') {
		for (const key of Object.keys(data)) {
			if (!(SPECIFIED_KEYS as readonly string[]).includes(key)) {
				f.fail(label, `has the key "${key}"; receivers of this type take only user, dept, post and role`);
			}
		}
		let count = 0;
		for (const key of SPECIFIED_KEYS) {
			if (data[key] === undefined || data[key] === null) continue;
			if (!Array.isArray(data[key]) && typeof data[key] !== 'string') {
				f.fail(label, `"${key}" must be a list of codes`);
			}
			const codes = codeList(f, data[key], `${label} ${key}`);
			if (codes.length) out[key] = codes;
			count += codes.length;
		}
		if (count === 0) {
			f.fail(label, 'names no user, department, post or role', 'Give at least one code, or choose another receiver type.');
		}
		return out;
	}
	const codes = Object.keys(data);
	if (codes.length === 0) f.fail(label, 'names no channel', 'Give at least one channel code with its accounts.');
	for (const code of codes) {
		if (code.trim() === '') f.fail(label, 'has an empty channel code');
		const value = data[code];
		if (!Array.isArray(value) && typeof value !== 'string') {
			f.fail(label, `the accounts of channel ${code} must be a list`);
		}
		const accounts = codeList(f, value, `${label} channel ${code}`);
		if (accounts.length === 0) f.fail(label, `channel ${code} has no account`);
		if (contentCodes && !contentCodes.includes(code)) {
			f.fail(
				label,
				`channel ${code} has accounts but no content`,
				`Add content for channel ${code}, or remove its accounts. Channels with content: ${contentCodes.join(', ') || 'none'}.`,
			);
		}
		out[code] = accounts;
	}
	return out;
}

/** The receiverType and receiverData of an item. */
export function readReceivers(
	f: ItemFields,
	contentCodes?: string[],
): { receiverType: ReceiverType; receiverData?: IDataObject } {
	const receiverType = f.oneOf(f.param('receiverType'), 'Receiver Type', RECEIVER_TYPES);
	if (receiverType === 'all') return { receiverType };
	if (f.isJson('receivers')) {
		const label = 'Receiver Data (JSON)';
		const data = f.json(f.param('receiverDataJson'), label, 'object') as IDataObject;
		return { receiverType, receiverData: checkReceiverData(f, receiverType, data, label, contentCodes) };
	}
	if (receiverType === 'specified') {
		const data: IDataObject = {};
		for (const key of SPECIFIED_KEYS) {
			const codes = codeList(f, f.param(`${key}Codes`, ''), SPECIFIED_LABELS[key]);
			if (codes.length) data[key] = codes;
		}
		if (Object.keys(data).length === 0) {
			f.fail(
				'User Codes',
				'is empty, and so are Department Codes, Post Codes and Role Codes',
				'Give at least one user, department, post or role code, or choose another receiver type.',
			);
		}
		return { receiverType, receiverData: data };
	}
	const data: IDataObject = {};
	f.rows(f.param('channelAccounts', {}), 'channel').forEach((row, n) => {
		const label = `Channel Accounts row ${n + 1}`;
		const code = f.text(row.channelCode, `${label} Channel Code`, { required: true }).trim();
		if (data[code]) f.fail(`${label} Channel Code`, `channel ${code} is listed twice`);
		const accounts = codeList(f, row.accounts, `${label} Accounts`);
		if (accounts.length === 0) f.fail(`${label} Accounts`, 'is required but empty');
		data[code] = accounts;
	});
	return { receiverType, receiverData: checkReceiverData(f, 'custom', data, 'Channel Accounts', contentCodes) };
}

/**
 * Checks a channelData object: channel code -> content. Site letter {title?, content, website?},
 * SMS {sign?, templateData?: {templateId, paramData?}, content?}, email {title?, content}: so
 * content is required unless an SMS template is given.
 */
export function checkChannelData(f: ItemFields, data: IDataObject, label: string): Record<string, IDataObject> {
	const codes = Object.keys(data);
	if (codes.length === 0) f.fail(label, 'names no channel', 'Give content for at least one channel.');
	const out: Record<string, IDataObject> = {};
	for (const code of codes) {
		const where = `channel ${code}`;
		if (code.trim() === '') f.fail(label, 'has an empty channel code');
		const c = data[code];
		if (!isObject(c)) f.fail(label, `${where} must be an object such as {"title":"…","content":"…"}`);
		const item: IDataObject = {};
		for (const key of Object.keys(c)) {
			if (!CONTENT_KEYS.includes(key)) {
				f.fail(label, `${where} has the key "${key}"; channel content takes only ${CONTENT_KEYS.join(', ')}`);
			}
		}
		for (const key of ['title', 'content', 'website', 'sign']) {
			const v = c[key];
			if (v === undefined || v === null || v === '') continue;
			if (typeof v !== 'string') f.fail(label, `${where} ${key} must be text`);
			if (v.trim() !== '') item[key] = v;
		}
		const td = c.templateData;
		if (td !== undefined && td !== null && td !== '') {
			if (!isObject(td)) f.fail(label, `${where} templateData must be an object {"templateId":"…","paramData":{…}}`);
			for (const key of Object.keys(td)) {
				if (key !== 'templateId' && key !== 'paramData') {
					f.fail(label, `${where} templateData has the key "${key}"; it takes only templateId and paramData`);
				}
			}
			const templateId = typeof td.templateId === 'number' ? String(td.templateId) : td.templateId;
			if (typeof templateId !== 'string' || templateId.trim() === '') {
				f.fail(label, `${where} templateData needs a templateId`);
			}
			const template: IDataObject = { templateId };
			if (td.paramData !== undefined && td.paramData !== null && td.paramData !== '') {
				template.paramData = checkParamData(f, td.paramData, `${label} ${where} paramData`);
			}
			item.templateData = template;
		}
		if (item.content === undefined && item.templateData === undefined) {
			f.fail(
				label,
				`${where} has no content`,
				'Site letters and emails need content; an SMS needs content (free text) or an SMS template.',
			);
		}
		out[code] = item;
	}
	return out;
}

/** An SMS template's paramData: an object (or JSON text of one) whose values are text or numbers. */
export function checkParamData(f: ItemFields, value: unknown, label: string): IDataObject {
	const data = (typeof value === 'string' ? f.json(value, label, 'object') : value) as IDataObject;
	if (!isObject(data)) f.fail(label, 'must be a JSON object of names and values');
	for (const [k, v] of Object.entries(data)) {
		if (k.trim() === '') f.fail(label, 'has an empty variable name');
		if (typeof v !== 'string' && typeof v !== 'number') {
			f.fail(label, `the value of "${k}" must be text or a number, got ${JSON.stringify(v)}`);
		}
	}
	return data;
}

/** The channel table's scale: 3 high, 2 medium (the platform's default), 1 low. */
const CHANNEL_SCALE = { high: '3', medium: '2', low: '1' } as const;
/** The template table's values: "0,1,2", not named by the document. */
const TEMPLATE_VALUES = ['0', '1', '2'] as const;

/** High/Medium/Low or a raw 3/2/1 (the channel table's scale), as the platform's string; undefined when not set. */
export function channelScaleValue(f: ItemFields, value: unknown, label: string): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const raw = typeof value === 'number' ? String(value) : value;
	if (typeof raw === 'string') {
		const key = raw.trim().toLowerCase();
		if (key in CHANNEL_SCALE) return CHANNEL_SCALE[key as keyof typeof CHANNEL_SCALE];
		if ((Object.values(CHANNEL_SCALE) as string[]).includes(key)) return key;
	}
	return f.fail(label, `${JSON.stringify(value)} is not High, Medium or Low (nor one of the platform's values 3, 2, 1)`);
}

/**
 * The template send's priority: the template table's 0, 1 or 2 (Priority), or the channel table's
 * scale (Priority (3-2-1 Scale)) for a platform that reads it that way; never both; none by default.
 */
function templatePriority(f: ItemFields, options: IDataObject): string | undefined {
	const given = (v: unknown) => v !== undefined && v !== null && v !== '';
	if (given(options.priority) && given(options.channelScalePriority)) {
		f.fail('Priority', 'is given together with Priority (3-2-1 Scale)', 'Give one of them: Priority for the template table\'s 0, 1, 2, or Priority (3-2-1 Scale).');
	}
	if (given(options.channelScalePriority)) return channelScaleValue(f, options.channelScalePriority, 'Priority (3-2-1 Scale)');
	if (!given(options.priority)) return undefined;
	const raw = typeof options.priority === 'number' ? String(options.priority) : options.priority;
	if (typeof raw !== 'string' || !(TEMPLATE_VALUES as readonly string[]).includes(raw.trim())) {
		return f.fail(
			'Priority',
			`${JSON.stringify(options.priority)} is not one of the template table's values 0, 1, 2`,
			'For High, Medium or Low (3, 2, 1, the channel send\'s scale) use the option Priority (3-2-1 Scale).',
		);
	}
	return raw.trim();
}

/** Sender Field Name: under which name(s) the sender goes. */
const SENDER_FIELDS = { both: ['senderCode', 'senderName'], senderCode: ['senderCode'], senderName: ['senderName'] } as const;

/** businessId, priority, sender and sendTime (and msgType on the channel send). */
export function readOptions(f: ItemFields, kind: SendKind): IDataObject {
	const options = f.param<IDataObject>('options', {});
	const out: IDataObject = {};
	const businessId = f.text(options.businessId, 'Business ID').trim();
	if (businessId) out.businessId = businessId;
	if (kind === 'channel' && options.msgType !== undefined && options.msgType !== '') {
		out.msgType = f.oneOf(options.msgType, 'Message Category', ['notice', 'reminder']);
	}
	const priority = kind === 'channel' ? channelScaleValue(f, options.priority, 'Priority') : templatePriority(f, options);
	if (priority !== undefined) out.priority = priority;
	const sender = f.text(options.sender, 'Sender').trim();
	if (sender) {
		const choice =
			options.senderField === undefined || options.senderField === ''
				? 'both'
				: f.oneOf(options.senderField, 'Sender Field Name', ['both', 'senderCode', 'senderName'] as const);
		for (const field of SENDER_FIELDS[choice]) out[field] = sender;
	}
	// A minute of grace, so that "now" computed by an expression is not refused as past.
	const at = f.time(options.sendAt, 'Send At', { minAheadMs: -60_000 });
	if (at !== undefined) out.sendTime = formatChinaTime(at);
	return out;
}

/**
 * A send's body: receiverType and receiverData, then what the send carries (`content`), then the
 * options. `contentCodes` are the channel codes the content is given for (the channel send).
 */
export function sendBody(f: ItemFields, kind: SendKind, content: IDataObject, contentCodes?: string[]): IDataObject {
	const { receiverType, receiverData } = readReceivers(f, contentCodes);
	const body: IDataObject = { receiverType };
	if (receiverData) body.receiverData = receiverData;
	Object.assign(body, content);
	Object.assign(body, readOptions(f, kind));
	return body;
}

/**
 * Combine Items for both sends: receiverData's lists (user/dept/post/role codes, or the accounts of
 * each channel code) merge; the receiver type and everything else must be the same; "everyone"
 * goes alone. The document sets no per-call maximum.
 */
export const DHC_COMBINE = combineLists<{ body: IDataObject }>({ 'receiverData.*': {} }, { perCallDefault: 100, alone: ({ body }) => body.receiverType === 'all' });
