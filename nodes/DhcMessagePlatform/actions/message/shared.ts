import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { formatChinaTime } from '../../../common/time';
import type { ItemFields } from '../../../common/validation';

/** The two send routes; they differ in content, msgType and the priority scale of their tables. */
export type Route = 'channel' | 'template';

export const RECEIVER_TYPES = ['all', 'specified', 'custom'] as const;
export type ReceiverType = (typeof RECEIVER_TYPES)[number];

const SPECIFIED_KEYS = ['user', 'dept', 'post', 'role'] as const;
const SPECIFIED_LABELS: Record<(typeof SPECIFIED_KEYS)[number], string> = {
	user: 'User Codes',
	dept: 'Department Codes',
	post: 'Post Codes',
	role: 'Role Codes',
};
const CONTENT_KEYS = ['title', 'content', 'website', 'sign', 'templateData'];

/** The document's channel codes (its examples); every deployment configures its own. */
export const DOCUMENT_CHANNELS = { sms: '1001', siteLetter: '1002', email: '1003' } as const;

const isObject = (v: unknown): v is IDataObject => v !== null && typeof v === 'object' && !Array.isArray(v);

// ---------------------------------------------------------------------------------------------
// Fields

export function receiverFields(route: Route): INodeProperties[] {
	return [
		{
			displayName: 'Receiver Type',
			name: 'receiverType',
			type: 'options',
			options: [
				{ name: 'Everyone (Broadcast)', value: 'all', description: 'Every user of the platform (receiverType "all")' },
				{
					name: 'Users, Departments, Posts or Roles',
					value: 'specified',
					description: 'Platform codes of users, departments, posts and roles (receiverType "specified")',
				},
				{
					name: 'Channel Accounts',
					value: 'custom',
					description:
						'Accounts per channel code: user codes, mobile numbers, email addresses… (receiverType "custom")',
				},
			],
			default: 'specified',
			description: 'Who receives the message',
		},
		{
			displayName: 'Receivers Input',
			name: 'receiversInput',
			type: 'options',
			options: [
				{ name: 'Using Fields Below', value: 'fields' },
				{ name: 'Using JSON', value: 'json' },
			],
			default: 'fields',
			displayOptions: { show: { receiverType: ['specified', 'custom'] } },
			description: 'Whether to fill the receivers in fields or give the whole receiverData object as JSON',
		},
		...SPECIFIED_KEYS.map(
			(key): INodeProperties => ({
				displayName: SPECIFIED_LABELS[key],
				name: `${key}Codes`,
				type: 'string',
				default: '',
				placeholder: key === 'user' ? 'USER001, USER002' : `${key.toUpperCase()}001`,
				displayOptions: { show: { receiverType: ['specified'], receiversInput: ['fields'] } },
				description: `${SPECIFIED_LABELS[key].replace(' Codes', '')} codes on the platform, separated by commas (or an array from an expression). Fill at least one of the four fields.`,
			}),
		),
		{
			displayName: 'Channel Accounts',
			name: 'channelAccounts',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Channel',
			default: {},
			displayOptions: { show: { receiverType: ['custom'], receiversInput: ['fields'] } },
			description:
				route === 'channel'
					? 'For each channel, its accounts. Every channel listed here needs content below.'
					: 'For each channel the template sends on, its accounts',
			options: [
				{
					displayName: 'Channel',
					name: 'channel',
					values: [
						{
							displayName: 'Channel Code',
							name: 'channelCode',
							type: 'string',
							default: '',
							placeholder: DOCUMENT_CHANNELS.sms,
							description:
								'The channel code configured on your platform (the document uses 1001 SMS, 1002 site letter, 1003 email)',
						},
						{
							displayName: 'Accounts',
							name: 'accounts',
							type: 'string',
							default: '',
							placeholder: '18660886275, 18660886834',
							description: 'The channel\'s accounts, separated by commas: user codes, mobile numbers or email addresses',
						},
					],
				},
			],
		},
		{
			displayName: 'Receiver Data (JSON)',
			name: 'receiverDataJson',
			type: 'json',
			default: '{\n  "user": ["USER001"]\n}',
			displayOptions: { show: { receiverType: ['specified', 'custom'], receiversInput: ['json'] } },
			description:
				'Receiver type "Users, Departments, Posts or Roles": {"user":[…],"dept":[…],"post":[…],"role":[…]}. Receiver type "Channel Accounts": {"1001":["18660886275",…],"1003":["someone@example.org"]} (channel code -> accounts).',
		},
	];
}

export function optionsField(route: Route): INodeProperties {
	const options: INodeProperties[] = [
		{
			displayName: 'Business ID',
			name: 'businessId',
			type: 'string',
			default: '',
			description:
				route === 'template'
					? 'Your system\'s ID for this message (businessId). Needed if your system reads the message back through the platform\'s API.'
					: 'Your system\'s ID for this message (businessId)',
		},
		{
			displayName: 'Priority',
			name: 'priority',
			type: 'options',
			options: [
				{ name: 'High', value: 'high' },
				{ name: 'Medium', value: 'medium' },
				{ name: 'Low', value: 'low' },
			],
			default: 'medium',
			description:
				'Sending priority. Without it the platform uses medium. An expression may also give the platform\'s raw value.',
		},
		{
			displayName: 'Send At',
			name: 'sendAt',
			type: 'dateTime',
			default: '',
			description:
				'Schedule the message instead of sending it now. Taken in the workflow\'s time zone and sent as yyyy-MM-dd HH:mm:ss in China time.',
		},
		{
			displayName: 'Sender',
			name: 'sender',
			type: 'string',
			default: '',
			placeholder: '张三',
			description: 'Who the message is from (sent as senderName, or as senderCode; see Sender Field Name)',
		},
		{
			displayName: 'Sender Field Name',
			name: 'senderField',
			type: 'options',
			options: [
				{ name: 'senderName (as in the Document\'s Examples)', value: 'senderName' },
				{ name: 'senderCode (as in the Document\'s Tables)', value: 'senderCode' },
			],
			default: 'senderName',
			description:
				'The document contradicts itself: its examples send "senderName", its tables name the field "senderCode". Pick what your platform accepts.',
		},
	];
	if (route === 'channel') {
		options.push({
			displayName: 'Message Category',
			name: 'msgType',
			type: 'options',
			options: [
				{ name: 'Notice (通知)', value: 'notice' },
				{ name: 'Reminder (提醒)', value: 'reminder' },
			],
			default: 'notice',
			description: 'The message category (msgType)',
		});
	} else {
		options.push({
			displayName: 'Priority Scale',
			name: 'priorityScale',
			type: 'options',
			options: [
				{ name: '1–3 (as in the Examples and the Channel Table)', value: 'examples' },
				{ name: '0–2 (as in the Template Table)', value: 'templateTable' },
			],
			default: 'examples',
			description:
				'The document contradicts itself: the template table says priority is 0, 1 or 2, while its example sends "2" like the channel send (3 high, 2 medium, 1 low). With 0–2, high is 2, medium 1 and low 0.',
		});
	}
	options.sort((a, b) => a.displayName.localeCompare(b.displayName));
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options,
	};
}

// ---------------------------------------------------------------------------------------------
// Reading and checking

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
 * codes with at least one account each and, on the channel route, content for every such channel.
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
	if (f.param<string>('receiversInput', 'fields') === 'json') {
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
				template.paramData = checkVariables(f, td.paramData, `${label} ${where} paramData`);
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

/** Variables: an object whose values are text or numbers. */
export function checkVariables(f: ItemFields, value: unknown, label: string): IDataObject {
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

/** Rows of {name, value} as variables; numbers given by expressions stay numbers. */
export function variablesFromRows(f: ItemFields, rows: IDataObject[], label: string): IDataObject {
	const out: IDataObject = {};
	rows.forEach((row, n) => {
		const name = f.text(row.name, `${label} row ${n + 1} Name`, { required: true }).trim();
		if (name in out) f.fail(`${label} row ${n + 1} Name`, `"${name}" is given twice`);
		const v = row.value;
		out[name] = typeof v === 'number' ? v : f.text(v, `${label} row ${n + 1} Value`);
	});
	return out;
}

const PRIORITIES = {
	examples: { high: '3', medium: '2', low: '1' },
	templateTable: { high: '2', medium: '1', low: '0' },
} as const;

/** The priority value as the platform wants it (a string), or undefined when not set. */
export function priorityValue(
	f: ItemFields,
	value: unknown,
	scale: keyof typeof PRIORITIES,
): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const map = PRIORITIES[scale];
	const raw = typeof value === 'number' ? String(value) : value;
	if (typeof raw === 'string') {
		const key = raw.trim().toLowerCase();
		if (key in map) return map[key as keyof typeof map];
		if ((Object.values(map) as string[]).includes(key)) return key;
	}
	return f.fail(
		'Priority',
		`${JSON.stringify(value)} is not High, Medium or Low (nor one of the platform's values ${Object.values(map).join(', ')})`,
	);
}

/** businessId, priority, sender and sendTime (and msgType on the channel route). */
export function readOptions(f: ItemFields, route: Route): IDataObject {
	const options = f.param<IDataObject>('options', {});
	const out: IDataObject = {};
	const businessId = f.text(options.businessId, 'Business ID').trim();
	if (businessId) out.businessId = businessId;
	if (route === 'channel' && options.msgType !== undefined && options.msgType !== '') {
		out.msgType = f.oneOf(options.msgType, 'Message Category', ['notice', 'reminder']);
	}
	const scale =
		route === 'template' && options.priorityScale !== undefined
			? f.oneOf(options.priorityScale, 'Priority Scale', ['examples', 'templateTable'])
			: 'examples';
	const priority = priorityValue(f, options.priority, scale);
	if (priority !== undefined) out.priority = priority;
	const sender = f.text(options.sender, 'Sender').trim();
	if (sender) {
		const field =
			options.senderField === undefined ? 'senderName' : f.oneOf(options.senderField, 'Sender Field Name', ['senderName', 'senderCode']);
		out[field] = sender;
	}
	// A minute of grace, so that "now" computed by an expression is not refused as past.
	const at = f.time(options.sendAt, 'Send At', { minAheadMs: -60_000 });
	if (at !== undefined) out.sendTime = formatChinaTime(at);
	return out;
}
