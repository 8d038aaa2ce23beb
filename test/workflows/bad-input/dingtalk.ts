import type { IDataObject } from 'n8n-workflow';
import type { Corpus } from './corpus';
import { MARK, V } from './corpus';

const AGENT = '2839445214';
const msg = (m: string): string => JSON.stringify({ msgtype: 'text', text: { content: m } });
const as = (value: IDataObject): string => JSON.stringify(value);
const card = { messageType: 'action_card', cardTitle: 'Approval', cardMarkdown: MARK };
/**
 * The required fields of every message type. n8n shows a field whose condition reads an expression
 * (Message Type = {{ $json.v }}), and refuses to run a node with an empty required field it shows.
 */
const everyType = {
	markdownTitle: 'Report',
	markdownText: 'Text',
	linkMessageUrl: 'https://a.cn',
	linkPicUrl: '@lALOACZwe2Rk',
	linkTitle: 'Link',
	linkText: 'Read',
	mediaId: '@lADOADmaWMzazQKA',
	oaMessageUrl: 'https://a.cn',
	oaHeadText: 'Head',
	cardMarkdown: 'Approval',
	cardSingleTitle: 'Open',
	cardSingleUrl: 'https://a.cn',
};

/**
 * DingTalk (work notifications asyncsend_v2 and sendbytemplate; interop messages, document 003):
 * agent_id a Long, userid_list at most 100, dept_id_list at most 20 numbers, msg of a documented
 * type at most 2048 bytes with its required fields and lengths, template_id, the interop model.
 */
export const dingTalkCorpus: Corpus = {
	platform: 'dingtalk',
	node: 'dingTalk',
	// DingTalk offers templates only to third-party apps.
	credentials: { template: 'cnmsgDingTalkIsv1' },
	bases: {
		send: {
			resource: 'workNotification',
			operation: 'send',
			agentId: AGENT,
			sendTo: 'users',
			userIds: 'manager4220',
			messageInput: 'fields',
			messageType: 'text',
			textContent: MARK,
			options: {},
		},
		template: {
			resource: 'workNotification',
			operation: 'sendFromTemplate',
			agentId: AGENT,
			templateId: 'e27a9eed42b34a14a2demo',
			sendTo: 'users',
			userIds: 'user123',
			variablesInput: 'fields',
			variables: { variable: [{ name: 'name', value: MARK }, { name: 'name2', value: 'http://www.taobao.com' }] },
		},
		interop: {
			resource: 'interopMessage',
			operation: 'send',
			sender: '1001@domain',
			cid: '1011@domain:@domain$1@G',
			conversationType: 1,
			messageId: '={{ $json.mark.replace(/ /g, "-") }}',
			contentType: 1,
			contentInput: 'fields',
			text: MARK,
			receivers: 'uid1',
		},
	},
	cases: [
		{ why: 'agent_id is required', base: 'send', field: 'Agent ID', set: { agentId: V }, good: AGENT, bad: '' },
		{ why: 'agent_id is a number', base: 'send', field: 'Agent ID', set: { agentId: V }, good: AGENT, bad: 'agent-1' },
		{ why: 'agent_id is positive', base: 'send', field: 'Agent ID', set: { agentId: V }, good: AGENT, bad: -5 },
		{ why: 'agent_id is whole', base: 'send', field: 'Agent ID', set: { agentId: V }, good: AGENT, bad: 1.5 },
		{ why: 'receivers: users, departments or everyone', base: 'send', field: 'Send To', set: { sendTo: V, deptIds: '421897262' }, good: 'users', bad: 'all' },
		{ why: 'userid_list is required', base: 'send', field: 'User Names or IDs', set: { userIds: V }, good: 'manager4220', bad: '' },
		{ why: 'userid_list at most 100', base: 'send', field: 'User Names or IDs', set: { userIds: V }, good: 'manager4220', bad: Array.from({ length: 101 }, (_, k) => `u${k}`).join(',') },
		{ why: 'a userid holds no comma (the list is comma-separated)', base: 'send', field: 'User Names or IDs', set: { userIds: V }, good: ['manager4220'], bad: ['user123,user456'] },
		{ why: 'dept_id_list holds numbers', base: 'send', field: 'Department Names or IDs', set: { sendTo: 'departments', deptIds: V }, good: '421897262', bad: 'sales' },
		{ why: 'dept_id_list at most 20', base: 'send', field: 'Department Names or IDs', set: { sendTo: 'departments', deptIds: V }, good: '421897262', bad: Array.from({ length: 21 }, (_, k) => 100 + k).join(',') },
		{ why: 'dept_id_list is required', base: 'send', field: 'Department Names or IDs', set: { sendTo: 'departments', deptIds: V }, good: '421897262', bad: ' ' },
		{ why: 'msgtype is one of the documented types', base: 'send', field: 'Message Type', set: { messageType: V, ...everyType }, good: 'text', bad: 'video' },
		{ why: 'text.content is required', base: 'send', field: 'Content', set: { textContent: V }, good: (m: string) => m, bad: '' },
		{ why: 'markdown.title is required', base: 'send', field: 'Title', set: { messageType: 'markdown', markdownTitle: V, markdownText: MARK }, good: 'Report', bad: '' },
		{ why: 'markdown.text at most 5000 characters', base: 'send', field: 'Text', set: { messageType: 'markdown', markdownTitle: 'Report', markdownText: V }, good: (m: string) => m, bad: '#'.repeat(5001) },
		{ why: 'link.title at most 100 characters', base: 'send', field: 'Title', set: { messageType: 'link', linkMessageUrl: 'https://a.cn', linkPicUrl: '@lALOACZwe2Rk', linkTitle: V, linkText: MARK }, good: 'Link', bad: 't'.repeat(101) },
		{ why: 'link.text at most 500 characters', base: 'send', field: 'Text', set: { messageType: 'link', linkMessageUrl: 'https://a.cn', linkPicUrl: '@lALOACZwe2Rk', linkTitle: MARK, linkText: V }, good: 'Read', bad: 'r'.repeat(501) },
		{ why: 'link.messageUrl is required', base: 'send', field: 'Message URL', set: { messageType: 'link', linkMessageUrl: V, linkPicUrl: '@lALOACZwe2Rk', linkTitle: MARK, linkText: 'Read' }, good: 'https://a.cn', bad: '' },
		{ why: 'voice.duration at most 59 seconds', base: 'send', field: 'Duration (Seconds)', set: { messageType: 'voice', mediaId: MARK, voiceDuration: V }, good: 10, bad: 60 },
		{ why: 'voice.duration at least 1 second', base: 'send', field: 'Duration (Seconds)', set: { messageType: 'voice', mediaId: MARK, voiceDuration: V }, good: 10, bad: 0 },
		{ why: 'msg is JSON', base: 'send', field: 'Message (JSON)', set: { messageInput: 'json', msgJson: V }, good: msg, bad: '{"msgtype":"text",' },
		{ why: 'msg needs msgtype', base: 'send', field: 'Message (JSON)', set: { messageInput: 'json', msgJson: V }, good: msg, bad: as({ text: { content: 'x' } }) },
		{ why: 'msg of an unknown type', base: 'send', field: 'Message (JSON)', set: { messageInput: 'json', msgJson: V }, good: msg, bad: as({ msgtype: 'video', video: {} }) },
		{ why: 'msg carries one type at a time', base: 'send', field: 'Message (JSON)', set: { messageInput: 'json', msgJson: V }, good: msg, bad: as({ msgtype: 'text', text: { content: 'x' }, markdown: { title: 't', text: 'x' } }) },
		{ why: 'msg has no unknown keys', base: 'send', field: 'Message (JSON)', set: { messageInput: 'json', msgJson: V }, good: msg, bad: as({ msgtype: 'text', text: { content: 'x' }, at: {} }) },
		{ why: 'msg text needs content', base: 'send', field: 'Message (JSON)', set: { messageInput: 'json', msgJson: V }, good: msg, bad: as({ msgtype: 'text', text: {} }) },
		{ why: 'msg at most 2048 bytes', base: 'send', field: 'Message (JSON)', set: { messageInput: 'json', msgJson: V }, good: msg, bad: as({ msgtype: 'text', text: { content: '字'.repeat(700) } }) },
		{ why: 'msg voice duration from 1 to 59', base: 'send', field: 'Message (JSON)', set: { messageInput: 'json', msgJson: V }, good: msg, bad: as({ msgtype: 'voice', voice: { media_id: '@x', duration: '0' } }) },
		{ why: 'oa.head.bgcolor is 8 hex digits', base: 'send', field: 'Message (JSON)', set: { messageInput: 'json', msgJson: V }, good: msg, bad: as({ msgtype: 'oa', oa: { message_url: 'https://a.cn', head: { bgcolor: '0xFFBBBBBB', text: 'H' }, body: {} } }) },
		{ why: 'action_card single_title at most 20 characters', base: 'send', field: 'Button Title', set: { ...card, cardStyle: 'single', cardSingleTitle: V, cardSingleUrl: 'https://a.cn' }, good: 'Open', bad: 'o'.repeat(21) },
		{ why: 'action_card btn_orientation is 0 or 1', base: 'send', field: 'Button Orientation', set: { ...card, cardStyle: 'buttons', cardButtonOrientation: V, cardButtons: { button: [{ title: 'Yes', actionUrl: 'https://y.cn' }] } }, good: '1', bad: '2' },
		{ why: 'action_card button action_url is required', base: 'send', field: 'Buttons row 1 URL', set: { ...card, cardStyle: 'buttons', cardButtonOrientation: '0', cardButtons: { button: [{ title: 'Yes', actionUrl: V }] } }, good: 'https://y.cn', bad: '' },
		{ why: 'template_id is required', base: 'template', field: 'Template ID', set: { templateId: V }, good: 'e27a9eed42b34a14a2demo', bad: '' },
		{ why: 'template data is a JSON object', base: 'template', field: 'Variables (JSON)', set: { variablesInput: 'json', variablesJson: V }, good: (m: string) => as({ name: m, name2: 'x' }), bad: '{"name":' },
		{ why: 'interop: sender is required', base: 'interop', field: 'Sender', set: { sender: V }, good: '1001@domain', bad: '' },
		{ why: 'interop: content_type is 1 (text) or 2 (card)', base: 'interop', field: 'Content Type', set: { contentType: V }, good: 1, bad: 3 },
		{ why: 'interop: cid is required', base: 'interop', field: 'Conversation ID', set: { cid: V }, good: '1011@domain:@domain$1@G', bad: '' },
		{ why: 'interop: a text message needs its text', base: 'interop', field: 'Text', set: { text: V }, good: (m: string) => m, bad: ' ' },
	],
};
