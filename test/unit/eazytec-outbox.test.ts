import type { IDataObject, IExecuteFunctions, INode } from 'n8n-workflow';
import { changesOf, pollChanges, snapshot } from '../../nodes/EazytecZqt/actions/message/changes';
import type { Seen } from '../../nodes/EazytecZqt/actions/message/changes';
import { getSentMessage } from '../../nodes/EazytecZqt/actions/message/getSentMessage.operation';
import { getSentMessages } from '../../nodes/EazytecZqt/actions/message/getSentMessages.operation';
import { idOf, queryOutbox, readPage } from '../../nodes/EazytecZqt/actions/message/outbox';
import { pushToMobile } from '../../nodes/EazytecZqt/actions/message/push.operation';
import { ROUTES } from '../../nodes/EazytecZqt/transport';
import type { Transport } from '../../nodes/common/transport';
import { ItemFields } from '../../nodes/common/validation';
import { matchesOutbox, outboxPage, validateOutboxQuery, validatePush } from '../sim/eazytec-msg';

const node: INode = { id: 'n', name: 'Eazytec ZQT', type: 'eazytecZqt', typeVersion: 1, position: [0, 0], parameters: {} };
const fields = (params: IDataObject) =>
	new ItemFields(
		{
			getNode: () => node,
			getNodeParameter: (name: string, _i: number, fallback?: unknown) => (name in params ? params[name] : fallback),
			getTimezone: () => 'Asia/Shanghai',
		},
		0,
	);
const ctx = (credentials: IDataObject = { authentication: 'tokenApi', clientId: 'client-1' }) =>
	({ getCredentials: async () => credentials, getNode: () => node }) as unknown as IExecuteFunctions;

/** A transport that answers the outbox query from a list, in the page shape asked for. */
function outboxTransport(records: IDataObject[], shape: 'list' | 'records' | 'bare' = 'list') {
	const calls: IDataObject[] = [];
	const t = {
		ctx: { getNode: () => node },
		call: async (route: unknown, params: IDataObject) => {
			expect(route).toBe(ROUTES.outbox);
			calls.push(params);
			const query = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)]));
			const page = outboxPage(records, query, shape === 'bare' ? 'list' : shape);
			return { data: shape === 'bare' ? { rows: page.list } : page, msg: 'success', oK: true, status: 200 };
		},
	} as unknown as Transport;
	return { t, calls };
}

const records = (n: number) => Array.from({ length: n }, (_, k) => ({ outboxid: `m${k + 1}`, title: `T${k + 1}`, appid: k % 2 ? 'a2' : 'a1', state: 1 }));

describe('Eazytec outbox answers are read defensively', () => {
	it('finds the list under the usual page keys, or the only list, or the key named', () => {
		expect(readPage({ list: [{ a: 1 }], total: 7 })).toEqual({ items: [{ a: 1 }], total: 7 });
		expect(readPage({ records: [{ a: 1 }], total: '3', size: 10 })).toEqual({ items: [{ a: 1 }], total: 3 });
		expect(readPage([{ a: 1 }])).toEqual({ items: [{ a: 1 }], total: undefined });
		expect(readPage({ messages: [{ a: 2 }], count: 1 })).toEqual({ items: [{ a: 2 }], total: 1 });
		expect(readPage({ list: [], mine: [{ a: 3 }] }, 'mine')).toEqual({ items: [{ a: 3 }], total: undefined });
	});

	it('says what it found when it cannot read the answer, instead of guessing', () => {
		expect(() => readPage({ total: 0 })).toThrow("the answer's data holds no list (its keys: total); name the one to read in Options → List Field");
		expect(() => readPage({ a: [], b: [] })).toThrow('holds several lists (its keys: a, b)');
		expect(() => readPage({ list: [] }, 'rows')).toThrow('the answer\'s data has no list under "rows" (its keys: list)');
		expect(() => readPage('x')).toThrow('the answer\'s data is "x", not a page of sent messages');
		expect(() => readPage({ list: [1] })).toThrow('entry 1 of the answer\'s list is 1, not a message');
	});

	it('finds a message\'s outbox ID under outboxid, outboxId or id, or the key named', () => {
		expect(idOf({ outboxid: 'a', id: 'b' })).toBe('a');
		expect(idOf({ outboxId: 'c' })).toBe('c');
		expect(idOf({ id: 5 })).toBe('5');
		expect(idOf({ msgId: 'd' })).toBe('');
		expect(idOf({ msgId: 'd', id: 'e' }, 'msgId')).toBe('d');
	});

	it.each(['list', 'records', 'bare'] as const)('pages through the %s shape: Limit, Return All, total or a short page ends it', async (shape) => {
		const all = records(230);
		const limited = outboxTransport(all, shape);
		expect((await queryOutbox(limited.t, { state: 1 }, 30)).map((m) => m.outboxid)).toEqual(all.slice(0, 30).map((m) => m.outboxid));
		expect(limited.calls).toEqual([{ state: 1, pageNo: 1, pageSize: 30 }]);
		const every = outboxTransport(all, shape);
		expect(await queryOutbox(every.t, {}, Number.MAX_SAFE_INTEGER)).toHaveLength(230);
		expect(every.calls.map((c) => [c.pageNo, c.pageSize])).toEqual([
			[1, 100],
			[2, 100],
			[3, 100],
		]);
	});

	it('Get Many Sent: the documented filters become the documented query parameters', async () => {
		const prepared = getSentMessages.prepare.call(
			ctx(),
			fields({
				state: 2,
				returnAll: false,
				limit: 5,
				filters: { appId: 'a1, a2', appName: '政企', title: '通知', fromUserId: 'u', fromUserType: 2, fromOrgId: 'o', fromDeptId: 'd', msgType: 10 },
				options: {},
			}),
		) as { query: IDataObject; max: number };
		expect(prepared.query).toEqual({
			appid: 'a1,a2',
			appname: '政企',
			title: '通知',
			fromUserid: 'u',
			fromUsertype: 2,
			fromOrgid: 'o',
			fromDeptid: 'd',
			msgtype: 10,
			state: 2,
		});
		expect(prepared.max).toBe(5);
		const any = getSentMessages.prepare.call(ctx(), fields({ state: 'any', returnAll: true })) as { query: IDataObject; max: number };
		expect(any).toMatchObject({ query: {}, max: Number.MAX_SAFE_INTEGER });
		expect(validateOutboxQuery(Object.fromEntries(Object.entries(prepared.query).map(([k, v]) => [k, String(v)])))).toBeUndefined();
		expect(() => getSentMessages.prepare.call(ctx(), fields({ state: 3 }))).toThrow('Item 1, field "State": "3" is not one of the allowed values: 0, 1, 2');
		expect(() => getSentMessages.prepare.call(ctx(), fields({ limit: 0 }))).toThrow('Item 1, field "Limit": 0 is less than 1');
	});

	it('Get Sent: the message with that outbox ID, never another one', async () => {
		const all = records(3);
		const run = (id: string, t: Transport) => getSentMessage.execute.call(ctx(), t, { outboxId: id, listField: '', idField: '' }, 0);
		expect(await run('m2', outboxTransport(all).t)).toEqual(all[1]);
		await expect(run('m9', outboxTransport(all).t)).rejects.toThrow('No sent message with outbox ID "m9"');
		// A server that ignores the filter answers other messages: reported, not trusted.
		const ignoring = {
			ctx: { getNode: () => node },
			call: async () => ({ data: { list: all.slice(0, 2), total: 3 }, status: 200 }),
		} as unknown as Transport;
		await expect(run('m3', ignoring)).rejects.toThrow('The outbox query answered messages with another ID than "m3"');
	});
});

describe('Eazytec trigger: exactly what changed between two polls', () => {
	it('the first poll only takes note; a change in a watched field is emitted with before and after', () => {
		const state: Seen = {};
		const poll = (list: IDataObject[], watch: string[] = ['readnum', 'replynum']) =>
			pollChanges(state, list.map((m) => ({ id: String(m.outboxid), message: m })), watch);
		expect(poll([{ outboxid: 'a', readnum: 0, replynum: 0, title: 'T' }])).toEqual([]);
		expect(poll([{ outboxid: 'a', readnum: 0, replynum: 0, title: 'T' }])).toEqual([]);
		// An unwatched field changes too: only the watched one is reported.
		expect(poll([{ outboxid: 'a', readnum: 2, replynum: 0, title: 'T2' }])).toEqual([
			{ outboxId: 'a', changes: { readnum: { before: 0, after: 2 } }, message: { outboxid: 'a', readnum: 2, replynum: 0, title: 'T2' } },
		]);
		// A new message is noted, not emitted; a message's field that disappears reads as null.
		expect(poll([{ outboxid: 'b', readnum: 1 }, { outboxid: 'a', readnum: 2 }])).toEqual([
			{ outboxId: 'a', changes: { replynum: { before: 0, after: null } }, message: { outboxid: 'a', readnum: 2 } },
		]);
		expect(Object.keys(state.seen ?? {})).toEqual(['b', 'a']);
	});

	it('with no fields named, every field is compared, nested values by content', () => {
		expect(snapshot({ a: 1, b: { c: [1] } }, [])).toEqual({ a: 1, b: { c: [1] } });
		expect(changesOf({ a: 1, b: { c: [1] } }, { a: 1, b: { c: [1] } })).toEqual({});
		expect(changesOf({ a: 1, b: { c: [1] } }, { a: 1, b: { c: [1, 2] } })).toEqual({ b: { before: { c: [1] }, after: { c: [1, 2] } } });
	});
});

describe('Eazytec Push to Mobile: prepare builds the push page\'s body', () => {
	const base: IDataObject = {
		pushType: 'task',
		title: '待办提醒',
		usersInput: 'fields',
		users: { user: [{ userId: 'u1', userType: 1 }, { userId: 'u2', userType: 'enterprise' }] },
	};
	const prepare = async (params: IDataObject, credentials?: IDataObject) =>
		(await pushToMobile.prepare.call(ctx(credentials), fields({ ...base, ...params }))) as { body: IDataObject };

	it('every field, the App ID from the credential, params as agreed with the mobile app', async () => {
		const { body } = await prepare({
			options: { subtitle: '副标题', content: '正文', url: 'http://h5.example/todo/1', params: '{"taskId":"42"}' },
		});
		expect(body).toEqual({
			type: 'task',
			msg: { title: '待办提醒', subtitle: '副标题', content: '正文', appid: 'client-1' },
			params: { taskId: '42', url: 'http://h5.example/todo/1' },
			users: [
				{ userid: 'u1', usertype: 1 },
				{ userid: 'u2', usertype: 2 },
			],
		});
		expect(validatePush(body)).toBeUndefined();
		expect(pushToMobile.sends).toBe(true);
	});

	it('the minimal body leaves the optional fields out; a pasted-token credential sends no appid', async () => {
		const { body } = await prepare({ pushType: 'msg' }, { authentication: 'accessToken', accessToken: 't' });
		expect(body).toEqual({ type: 'msg', msg: { title: '待办提醒' }, users: [{ userid: 'u1', usertype: 1 }, { userid: 'u2', usertype: 2 }] });
		expect(validatePush(body)).toBeUndefined();
	});

	it.each([
		[{ title: '' }, 'Item 1, field "Title": is required but empty'],
		[{ pushType: 'todo' }, 'Item 1, field "Type": "todo" is not one of the allowed values: msg, task'],
		[{ users: {} }, 'Item 1, field "Receivers": needs at least one entry'],
		[{ users: { user: [{ userId: '', userType: 1 }] } }, 'Item 1, field "Receivers row 1 User ID": is required but empty'],
		[{ usersInput: 'json', usersJson: '[{"userid":"u","usertype":3}]' }, 'Item 1, field "Receivers (JSON) entry 1 User Type": 3 is not 1 (government) or 2 (enterprise)'],
		[{ options: { params: '[1]' } }, 'Item 1, field "Parameters (JSON)": must be a JSON object'],
	])('rejects %j before sending', async (params, message) => {
		await expect(prepare(params)).rejects.toThrow(message);
	});
});

describe('the simulator\'s reading of the outbox and push pages', () => {
	it('checks the documented integer parameters and filters like the page says', () => {
		expect(validateOutboxQuery({ pageNo: '0' })).toMatchObject({ field: 'pageNo' });
		expect(validateOutboxQuery({ pageSize: 'x' })).toMatchObject({ field: 'pageSize' });
		expect(validateOutboxQuery({ state: '3' })).toMatchObject({ field: 'state' });
		expect(validateOutboxQuery({ msgtype: '10', fromUsertype: '2', state: '0' })).toBeUndefined();
		const r = { appid: 'a1', appname: '政企消息', title: '会议通知：周五', state: 1, outboxid: 'x' };
		expect(matchesOutbox(r, { appid: 'a0,a1', appname: '政企', title: '周五', state: '1' })).toBe(true);
		expect(matchesOutbox(r, { appid: 'a2' })).toBe(false);
		expect(matchesOutbox(r, { outboxid: 'y' })).toBe(false);
	});

	it('the push schema: type msg/task, msg.title, users with userid and usertype 1/2', () => {
		const ok = { type: 'msg', msg: { title: 't' }, users: [{ userid: 'u', usertype: 2 }] };
		expect(validatePush(ok)).toBeUndefined();
		expect(validatePush({ ...ok, type: 'x' })).toMatchObject({ field: 'type' });
		expect(validatePush({ ...ok, msg: {} })).toMatchObject({ kind: 'missing', field: 'msg.title' });
		expect(validatePush({ ...ok, users: [] })).toMatchObject({ kind: 'missing', field: 'users' });
		expect(validatePush({ ...ok, users: [{ userid: 'u', usertype: '2' }] })).toMatchObject({ kind: 'invalid', field: 'users[0].usertype' });
	});
});
