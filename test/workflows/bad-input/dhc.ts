import type { Corpus } from './corpus';
import { chinaTime, MARK, marked, V } from './corpus';

const letter = (m: string) => JSON.stringify({ '1002': { title: m, content: 'Ward notice' } });
const json = (value: unknown) => JSON.stringify(value);
const DAY = 24 * 3600_000;

/**
 * DHC message platform (document 001): sendByChannel (receiverType, receiverData, channelData per
 * channel code: site letter / SMS / email content), sendFromTemplate (templateCode,
 * channelParamData), and their options (businessId, priority, sendTime, sender, msgType).
 */
export const dhcCorpus: Corpus = {
	platform: 'dhc',
	node: 'dhcMessagePlatform',
	bases: {
		channel: {
			resource: 'message',
			operation: 'sendByChannel',
			receiverType: 'all',
			contentInput: 'fields',
			channelContent: { siteLetter: [{ channelCode: '1002', title: MARK, content: marked('Letter'), website: '' }] },
			options: {},
		},
		template: {
			resource: 'message',
			operation: 'sendFromTemplate',
			templateCode: 'MSG1001',
			receiverType: 'all',
			variablesInput: 'fields',
			variables: { variable: [{ name: 'code', value: 'M1001' }, { name: 'name', value: MARK }] },
			options: {},
		},
	},
	cases: [
		{ why: 'channelData is a JSON object', base: 'channel', field: 'Channel Data (JSON)', set: { contentInput: 'json', channelDataJson: V }, good: letter, bad: '{"1002": {"content": "x"' },
		{ why: 'channelData is required', base: 'channel', field: 'Channel Data (JSON)', set: { contentInput: 'json', channelDataJson: V }, good: letter, bad: ' ' },
		{ why: 'channelData is an object, not an array', base: 'channel', field: 'Channel Data (JSON)', set: { contentInput: 'json', channelDataJson: V }, good: letter, bad: '[]' },
		{ why: 'channelData names at least one channel', base: 'channel', field: 'Channel Data (JSON)', set: { contentInput: 'json', channelDataJson: V }, good: letter, bad: '{}' },
		{ why: "a channel's content is an object", base: 'channel', field: 'Channel Data (JSON)', set: { contentInput: 'json', channelDataJson: V }, good: letter, bad: json({ '1002': 'text' }) },
		{ why: 'a site letter needs content', base: 'channel', field: 'Channel Data (JSON)', set: { contentInput: 'json', channelDataJson: V }, good: letter, bad: json({ '1002': { title: 'only a title' } }) },
		{ why: 'channel content takes only the documented keys', base: 'channel', field: 'Channel Data (JSON)', set: { contentInput: 'json', channelDataJson: V }, good: letter, bad: json({ '1002': { content: 'c', color: 'red' } }) },
		{ why: 'content is text', base: 'channel', field: 'Channel Data (JSON)', set: { contentInput: 'json', channelDataJson: V }, good: letter, bad: json({ '1002': { content: 5 } }) },
		{ why: 'a channel code is not empty', base: 'channel', field: 'Channel Data (JSON)', set: { contentInput: 'json', channelDataJson: V }, good: letter, bad: json({ '': { content: 'c' } }) },
		{ why: 'templateData is an object', base: 'channel', field: 'Channel Data (JSON)', set: { contentInput: 'json', channelDataJson: V }, good: letter, bad: json({ '1001': { templateData: 'T100101' } }) },
		{ why: 'templateData needs templateId', base: 'channel', field: 'Channel Data (JSON)', set: { contentInput: 'json', channelDataJson: V }, good: letter, bad: json({ '1001': { templateData: { paramData: { a: '1' } } } }) },
		{ why: 'templateData takes templateId and paramData only', base: 'channel', field: 'Channel Data (JSON)', set: { contentInput: 'json', channelDataJson: V }, good: letter, bad: json({ '1001': { templateData: { templateId: 'T1', lang: 'zh' } } }) },
		{ why: 'paramData values are text or numbers', base: 'channel', field: 'Channel Data (JSON) channel 1001 paramData', set: { contentInput: 'json', channelDataJson: V }, good: letter, bad: json({ '1001': { templateData: { templateId: 'T1', paramData: { a: { b: 1 } } } } }) },
		{ why: 'a site letter row needs content', base: 'channel', field: 'Site Letter 1 Content', set: { channelContent: { siteLetter: [{ channelCode: '1002', title: MARK, content: V }] } }, good: 'Letter', bad: '' },
		{ why: 'a site letter row needs its channel code', base: 'channel', field: 'Site Letter 1 Channel Code', set: { channelContent: { siteLetter: [{ channelCode: V, title: MARK, content: 'Letter' }] } }, good: '1002', bad: '' },
		{ why: 'an SMS needs a template or a text', base: 'channel', field: 'SMS 1 Text', set: { channelContent: { sms: [{ channelCode: '1001', sign: '东华医为', templateId: '', content: V }] } }, good: (m: string) => m, bad: '' },
		{ why: 'SMS template parameters need a template ID', base: 'channel', field: 'SMS 1 Template ID', set: { channelContent: { sms: [{ channelCode: '1001', content: MARK, templateId: V, paramData: '{"code": 1001}' }] } }, good: 'T100101', bad: '' },
		{ why: 'SMS template parameters are a JSON object', base: 'channel', field: 'SMS 1 Template Parameters', set: { channelContent: { sms: [{ channelCode: '1001', content: MARK, templateId: 'T100101', paramData: V }] } }, good: '{"code": 1001}', bad: '{"code": ' },
		{ why: 'receiverType is all, specified or custom', base: 'channel', field: 'Receiver Type', set: { receiverType: V }, good: 'all', bad: 'everyone' },
		{ why: 'specified receivers name at least one code', base: 'channel', field: 'User Codes', set: { receiverType: 'specified', receiversInput: 'fields', userCodes: V }, good: 'U1001', bad: ' , ' },
		{ why: 'receiverData is a JSON object', base: 'channel', field: 'Receiver Data (JSON)', set: { receiverType: 'specified', receiversInput: 'json', receiverDataJson: V }, good: '{"user":["U1001"]}', bad: '{"user":' },
		{ why: 'specified receiverData takes user, dept, post, role', base: 'channel', field: 'Receiver Data (JSON)', set: { receiverType: 'specified', receiversInput: 'json', receiverDataJson: V }, good: '{"user":["U1001"]}', bad: '{"users":["U1001"]}' },
		{ why: 'specified receiverData names someone', base: 'channel', field: 'Receiver Data (JSON)', set: { receiverType: 'specified', receiversInput: 'json', receiverDataJson: V }, good: '{"user":["U1001"]}', bad: '{"user":[],"dept":[]}' },
		{ why: 'user codes are a list', base: 'channel', field: 'Receiver Data (JSON)', set: { receiverType: 'specified', receiversInput: 'json', receiverDataJson: V }, good: '{"user":["U1001"]}', bad: '{"user": 5}' },
		{ why: 'a user code is not empty', base: 'channel', field: 'Receiver Data (JSON) user', set: { receiverType: 'specified', receiversInput: 'json', receiverDataJson: V }, good: '{"user":["U1001"]}', bad: '{"user":["U1001", ""]}' },
		{ why: 'custom receiverData names a channel', base: 'channel', field: 'Receiver Data (JSON)', set: { receiverType: 'custom', receiversInput: 'json', receiverDataJson: V }, good: '{"1002":["acc1"]}', bad: '{}' },
		{ why: 'custom receivers of a channel without content', base: 'channel', field: 'Receiver Data (JSON)', set: { receiverType: 'custom', receiversInput: 'json', receiverDataJson: V }, good: '{"1002":["acc1"]}', bad: '{"1003":["a@his.local"]}' },
		{ why: 'a custom channel has accounts', base: 'channel', field: 'Receiver Data (JSON)', set: { receiverType: 'custom', receiversInput: 'json', receiverDataJson: V }, good: '{"1002":["acc1"]}', bad: '{"1002":[]}' },
		{ why: 'a channel accounts row has accounts', base: 'channel', field: 'Channel Accounts row 1 Accounts', set: { receiverType: 'custom', receiversInput: 'fields', channelAccounts: { channel: [{ channelCode: '1002', accounts: V }] } }, good: 'acc1', bad: '' },
		{ why: 'priority is high, medium or low', base: 'channel', field: 'Priority', set: { options: { priority: V } }, good: 'high', bad: 'urgent' },
		{ why: 'msgType is notice or reminder', base: 'channel', field: 'Message Category', set: { options: { msgType: V } }, good: 'notice', bad: 'alert' },
		{ why: 'sendTime is a date and time', base: 'channel', field: 'Send At', set: { options: { sendAt: V } }, good: chinaTime(DAY), bad: 'soon' },
		{ why: 'sendTime is not in the past', base: 'channel', field: 'Send At', set: { options: { sendAt: V } }, good: chinaTime(DAY), bad: chinaTime(-DAY) },
		{ why: 'the sender field is senderName or senderCode', base: 'channel', field: 'Sender Field Name', set: { options: { sender: 'Dr Li', senderField: V } }, good: 'senderName', bad: 'senderId' },
		{ why: 'templateCode is required', base: 'template', field: 'Template Code', set: { templateCode: V }, good: 'MSG1001', bad: '' },
		{ why: 'channelParamData is a JSON object', base: 'template', field: 'Variables (JSON)', set: { variablesInput: 'json', variablesJson: V }, good: (m: string) => json({ code: 'M1', name: m }), bad: '{"code": "M1",' },
		{ why: 'channelParamData values are text or numbers', base: 'template', field: 'Variables (JSON)', set: { variablesInput: 'json', variablesJson: V }, good: (m: string) => json({ code: 'M1', name: m }), bad: json({ code: ['M1'] }) },
		{ why: 'a variable is given once', base: 'template', field: 'Variables row 2 Name', set: { variables: { variable: [{ name: 'code', value: MARK }, { name: V, value: 'x' }] } }, good: 'name', bad: 'code' },
		{ why: "the template send's priority is the template table's 0, 1 or 2", base: 'template', field: 'Priority', set: { options: { priority: V } }, good: '2', bad: '3' },
	],
};
