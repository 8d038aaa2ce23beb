import type { INodeProperties } from 'n8n-workflow';
import { inputModeField, whenInput } from '../../../common/fields';
import type { InputMode } from '../../../common/fields';
import { optionsCollection } from '../../../common/options';
import { choiceField } from '../../../common/properties';

/** The two sends; they differ in content, msgType and the priority values of their tables. */
export type SendKind = 'channel' | 'template';

export const RECEIVER_TYPES = ['all', 'specified', 'custom'] as const;
export type ReceiverType = (typeof RECEIVER_TYPES)[number];

export const SPECIFIED_KEYS = ['user', 'dept', 'post', 'role'] as const;
export const SPECIFIED_LABELS: Record<(typeof SPECIFIED_KEYS)[number], string> = {
	user: 'User Codes',
	dept: 'Department Codes',
	post: 'Post Codes',
	role: 'Role Codes',
};

/** The document's channel codes (its examples); every deployment configures its own. */
export const DOCUMENT_CHANNELS = { sms: '1001', siteLetter: '1002', email: '1003' } as const;

/** Shown for these receiver types and, if given, one input mode of the receivers. */
function forReceivers(types: ReceiverType[], mode?: InputMode): INodeProperties['displayOptions'] {
	return { show: { receiverType: types, ...(mode ? whenInput('receivers', mode)?.show : {}) } };
}

export function receiverFields(kind: SendKind): INodeProperties[] {
	return [
		choiceField('Receiver Type', 'receiverType', [
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
		], 'specified', { description: 'Who receives the message' }),
		{
			...inputModeField({
				name: 'receivers',
				displayName: 'Receivers',
				description: 'Whether to fill the receivers in fields or give the whole receiverData object as JSON',
			}),
			displayOptions: forReceivers(['specified', 'custom']),
		},
		...SPECIFIED_KEYS.map(
			(key): INodeProperties => ({
				displayName: SPECIFIED_LABELS[key],
				name: `${key}Codes`,
				type: 'string',
				default: '',
				placeholder: key === 'user' ? 'USER001, USER002' : `${key.toUpperCase()}001`,
				displayOptions: forReceivers(['specified'], 'fields'),
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
			displayOptions: forReceivers(['custom'], 'fields'),
			description:
				kind === 'channel'
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
			displayOptions: forReceivers(['specified', 'custom'], 'json'),
			description:
				'Receiver type "Users, Departments, Posts or Roles": {"user":[…],"dept":[…],"post":[…],"role":[…]}. Receiver type "Channel Accounts": {"1001":["18660886275",…],"1003":["someone@example.org"]} (channel code -> accounts).',
		},
	];
}

/**
 * The priority: High/Medium/Low (3/2/1, the channel table) on the channel send; on the template
 * send the template table's raw values 0, 1 and 2, which the document does not name, and, for a
 * platform that reads it like the channel send, the 3/2/1 scale as a second option.
 */
function priorityOptions(kind: SendKind): INodeProperties[] {
	const channelScale = [
		{ name: 'High (3)', value: 'high' },
		{ name: 'Medium (2)', value: 'medium' },
		{ name: 'Low (1)', value: 'low' },
	];
	if (kind === 'channel') {
		return [
			choiceField('Priority', 'priority', channelScale, 'medium', {
				description:
					'Sending priority (3 high, 2 medium, 1 low). Without it the platform uses medium. An expression may also give the platform\'s raw value.',
			}),
		];
	}
	return [
		choiceField('Priority', 'priority', [{ name: '0', value: '0' }, { name: '1', value: '1' }, { name: '2', value: '2' }], '2', {
			description:
				'The template table\'s values 0, 1 and 2. The document does not say what they mean (its example sends 2). Left out, no priority is sent and the platform decides.',
		}),
		choiceField('Priority (3-2-1 Scale)', 'channelScalePriority', channelScale, 'medium', {
			description:
				'Only for a platform that reads the template send\'s priority like the channel send\'s (3 high, 2 medium, 1 low) instead of the template table\'s 0, 1, 2. Use instead of Priority.',
		}),
	];
}

export function optionsField(kind: SendKind): INodeProperties {
	const options: INodeProperties[] = [
		{
			displayName: 'Business ID',
			name: 'businessId',
			type: 'string',
			default: '',
			description:
				kind === 'template'
					? 'Your system\'s ID for this message (businessId). Needed if your system reads the message back through the platform\'s API.'
					: 'Your system\'s ID for this message (businessId)',
		},
		...priorityOptions(kind),
		{
			displayName: 'Send At',
			name: 'sendAt',
			type: 'dateTime',
			default: '',
			description:
				'Schedule the message instead of sending it now. A time without a zone (the date picker\'s, or yyyy-MM-dd HH:mm:ss) is China time, whatever the workflow\'s time zone; ISO times with a zone are converted. Sent as yyyy-MM-dd HH:mm:ss in China time.',
		},
		{
			displayName: 'Sender',
			name: 'sender',
			type: 'string',
			default: '',
			placeholder: '张三',
			description: 'Who the message is from (sent as senderCode and senderName, or one of them; see Sender Field Name)',
		},
		choiceField('Sender Field Name', 'senderField', [
			{ name: 'senderCode and senderName (Both)', value: 'both' },
			{ name: 'senderCode Only (as in the Document\'s Tables)', value: 'senderCode' },
			{ name: 'senderName Only (as in the Document\'s Examples)', value: 'senderName' },
		], 'both', {
			description:
				'The document contradicts itself: its tables name the field "senderCode", its examples send "senderName". By default the sender goes under both names, so a platform built to either reading finds it. Pick one only if your platform refuses fields it does not know.',
		}),
	];
	if (kind === 'channel') {
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
	}
	options.sort((a, b) => a.displayName.localeCompare(b.displayName));
	return optionsCollection(options);
}
