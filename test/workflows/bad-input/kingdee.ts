import type { Corpus } from './corpus';
import { MARK, marked, V } from './corpus';

/**
 * Kingdee JDY third-party message (document 000): channel List<string> of XXZX, APP, QYWX, DD
 * (required); receivers List<string> of user ids (required); title and content strings (required).
 */
export const kingdeeCorpus: Corpus = {
	platform: 'kingdee',
	node: 'kingdeeJdy',
	bases: {
		send: { resource: 'message', operation: 'send', channels: ['XXZX'], receivers: '333', title: MARK, content: marked('Content'), options: {} },
	},
	cases: [
		{ why: 'title is required', base: 'send', field: 'Title', set: { title: V }, good: 'Notice', bad: '' },
		{ why: 'title is required (blank)', base: 'send', field: 'Title', set: { title: V }, good: 'Notice', bad: '  \n' },
		{ why: 'title is required (null)', base: 'send', field: 'Title', set: { title: V }, good: 'Notice', bad: null },
		{ why: 'title is a string, not an object', base: 'send', field: 'Title', set: { title: V }, good: 'Notice', bad: { text: 'x' } },
		{ why: 'title is a string, not a list', base: 'send', field: 'Title', set: { title: V }, good: 'Notice', bad: ['a', 'b'] },
		{ why: 'content is required', base: 'send', field: 'Content', set: { content: V }, good: 'Body', bad: '' },
		{ why: 'content is required (blank)', base: 'send', field: 'Content', set: { content: V }, good: 'Body', bad: '\t' },
		{ why: 'content is required (null)', base: 'send', field: 'Content', set: { content: V }, good: 'Body', bad: null },
		{ why: 'content is a string, not an object', base: 'send', field: 'Content', set: { content: V }, good: 'Body', bad: {} },
		{ why: 'content is a string, not a list', base: 'send', field: 'Content', set: { content: V }, good: 'Body', bad: [] },
		{ why: 'receivers is required', base: 'send', field: 'Receivers', set: { receivers: V }, good: '333', bad: '' },
		{ why: 'receivers is required (only separators)', base: 'send', field: 'Receivers', set: { receivers: V }, good: '333', bad: ' , ; ' },
		{ why: 'receivers is required (empty list)', base: 'send', field: 'Receivers', set: { receivers: V }, good: ['333'], bad: [] },
		{ why: 'receivers is required (list of empty ids)', base: 'send', field: 'Receivers', set: { receivers: V }, good: ['333'], bad: ['', ' '] },
		{ why: 'receivers is required (null)', base: 'send', field: 'Receivers', set: { receivers: V }, good: '333', bad: null },
		{ why: 'receivers is a list, not an object', base: 'send', field: 'Receivers', set: { receivers: V }, good: '333', bad: { id: '333' } },
		{ why: 'receivers are user ids, not objects', base: 'send', field: 'Receivers', set: { receivers: V }, good: ['333'], bad: [{ id: '333' }] },
		{ why: 'receivers are user ids, not lists', base: 'send', field: 'Receivers', set: { receivers: V }, good: ['333'], bad: [['333']] },
		{ why: 'receivers are user ids, not true/false', base: 'send', field: 'Receivers', set: { receivers: V }, good: ['333'], bad: [true] },
		{ why: 'channel is required', base: 'send', field: 'Channels', set: { channels: V }, good: ['XXZX'], bad: [] },
		{ why: 'channel is required (null)', base: 'send', field: 'Channels', set: { channels: V }, good: ['XXZX'], bad: null },
		{ why: 'channel takes XXZX, APP, QYWX, DD only', base: 'send', field: 'Channels', set: { channels: V }, good: ['XXZX'], bad: ['SMS'] },
		{ why: 'channel codes are upper case', base: 'send', field: 'Channels', set: { channels: V }, good: ['XXZX'], bad: ['xxzx'] },
		{ why: 'channel codes, not their Chinese names', base: 'send', field: 'Channels', set: { channels: V }, good: ['XXZX'], bad: ['消息中心'] },
		{ why: 'one unknown channel among good ones', base: 'send', field: 'Channels', set: { channels: V }, good: 'XXZX, APP', bad: 'XXZX, MAIL' },
		{ why: 'channel codes, not numbers', base: 'send', field: 'Channels', set: { channels: V }, good: ['XXZX'], bad: [1] },
		{ why: 'channel is a list, not an object', base: 'send', field: 'Channels', set: { channels: V }, good: ['XXZX'], bad: { XXZX: true } },
		{ why: 'channel codes, not empty entries', base: 'send', field: 'Channels', set: { channels: V }, good: ['XXZX'], bad: ['XXZX', null] },
		{ why: 'channel codes, not nested lists', base: 'send', field: 'Channels', set: { channels: V }, good: ['XXZX'], bad: [['XXZX']] },
		{ why: 'four channels, one of them unknown', base: 'send', field: 'Channels', set: { channels: V }, good: ['XXZX', 'APP', 'QYWX', 'DD'], bad: ['XXZX', 'APP', 'QYWX', 'DT'] },
		{ why: 'channel given as text with an unknown code', base: 'send', field: 'Channels', set: { channels: V }, good: 'XXZX;DD', bad: 'XXZX;;EMAIL' },
	],
};
