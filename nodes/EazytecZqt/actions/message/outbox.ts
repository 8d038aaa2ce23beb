/**
 * The outbox query (查询发件箱, emsg/new-im-3 interface 1): its documented query parameters, and a
 * defensive reading of its answer. The public page shows the request in full but its answer only
 * up to `"data": {`: the page object's keys are not known. The node therefore finds the list in
 * `data` by itself (a list under a usual page key, or the one list there is), or under the key the
 * user names, and reports an answer it cannot read instead of guessing.
 */
import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { isObject } from '../../../common/answers';
import { optionsCollection } from '../../../common/options';
import { collectPages } from '../../../common/paging';
import type { Page } from '../../../common/paging';
import { choiceField } from '../../../common/properties';
import type { Transport } from '../../../common/transport';
import type { ItemFields } from '../../../common/validation';
import { ROUTES } from '../../transport';

/** Page keys of the usual Java page objects (PageHelper: list; MyBatis-Plus: records; Spring Data: content). */
const LIST_KEYS = ['list', 'records', 'rows', 'content', 'items', 'data', 'result', 'dataList'];
const TOTAL_KEYS = ['total', 'totalCount', 'totalElements', 'totalRow', 'count'];
/** Where a sent message's outbox ID may be: the query parameter's own name first. */
export const ID_KEYS = ['outboxid', 'outboxId', 'id'];
/** The most asked for in one page (the document states no maximum; 10 is its default). */
export const PAGE_SIZE = 100;

/** The list and total of an outbox answer's `data`. Throws a readable error when there is no list. */
export function readPage(data: unknown, listField = ''): Page {
	let list: unknown;
	let total: number | undefined;
	if (Array.isArray(data)) {
		list = data;
	} else if (isObject(data)) {
		if (listField) {
			list = data[listField];
			if (!Array.isArray(list)) {
				throw new Error(`the answer's data has no list under "${listField}" (its keys: ${Object.keys(data).join(', ') || 'none'})`);
			}
		} else {
			const key = LIST_KEYS.find((k) => Array.isArray(data[k]));
			const arrays = Object.keys(data).filter((k) => Array.isArray(data[k]));
			list = key ? data[key] : arrays.length === 1 ? data[arrays[0]] : undefined;
			if (list === undefined) {
				throw new Error(
					`the answer's data holds ${arrays.length ? 'several lists' : 'no list'} (its keys: ${Object.keys(data).join(', ') || 'none'}); name the one to read in Options → List Field`,
				);
			}
		}
		const totalKey = TOTAL_KEYS.find((k) => data[k] !== undefined && data[k] !== null && Number.isFinite(Number(data[k])));
		if (totalKey) total = Number(data[totalKey]);
	} else {
		throw new Error(`the answer's data is ${JSON.stringify(data) ?? 'missing'}, not a page of sent messages`);
	}
	const items = list as unknown[];
	const bad = items.findIndex((x) => !isObject(x));
	if (bad >= 0) throw new Error(`entry ${bad + 1} of the answer's list is ${JSON.stringify(items[bad])}, not a message`);
	return { items: items as IDataObject[], total };
}

/** The outbox ID of a listed message, wherever the answer keeps it ('' when it has none). */
export function idOf(item: IDataObject, idField = ''): string {
	const keys = idField ? [idField] : ID_KEYS;
	const key = keys.find((k) => item[k] !== undefined && item[k] !== null && item[k] !== '');
	return key ? String(item[key]) : '';
}

/** Pages through the outbox query until `max` messages, the total, or (without a total) a short page. */
export async function queryOutbox(t: Transport, query: IDataObject, max: number, itemIndex?: number, listField = ''): Promise<IDataObject[]> {
	return await collectPages(max, PAGE_SIZE, async (pageNo, pageSize) => {
		const answer = await t.call<{ data?: unknown }>(ROUTES.outbox, { ...query, pageNo, pageSize }, itemIndex);
		try {
			return readPage(answer.data, listField);
		} catch (error) {
			throw new NodeOperationError(t.ctx.getNode(), `Eazytec ZQT outbox query: ${(error as Error).message}`, { itemIndex });
		}
	});
}

/** The sender or receiver's user type (usertype). */
export const USER_TYPES = [
	{ name: 'Government', value: 1, description: '政府 (1)' },
	{ name: 'Enterprise', value: 2, description: '企业 (2)' },
];

/** The documented filters of the outbox query (all optional), as node fields. */
const FILTERS: INodeProperties[] = [
	{ displayName: 'App IDs', name: 'appId', type: 'string', default: '', description: 'Client IDs of the sending applications, separated by commas (appid)' },
	{ displayName: 'App Name Contains', name: 'appName', type: 'string', default: '', description: 'Fuzzy match on the application name (appname)' },
	{ displayName: 'Sender Department ID', name: 'fromDeptId', type: 'string', default: '', description: 'The sender\'s department ID (fromDeptid)' },
	{ displayName: 'Sender Org ID', name: 'fromOrgId', type: 'string', default: '', description: 'Government label ID or enterprise base ID of the sender (fromOrgid)' },
	{ displayName: 'Sender User ID', name: 'fromUserId', type: 'string', default: '', description: 'The sender\'s user ID (fromUserid)' },
	{ displayName: 'Sender User Type', name: 'fromUserType', type: 'options', options: USER_TYPES, default: 1, description: 'Government or enterprise sender (fromUsertype)' },
	choiceField('Message Type', 'msgType', [
		{ name: 'App Message (0)', value: 0, description: '应用消息: what the Send operation sends' },
		{ name: 'Internal Message (1)', value: 1, description: '内部消息' },
		{ name: 'My Subscription (10)', value: 10, description: '我的订阅' },
	], 0, { description: 'The message class (msgtype)' }),
	{ displayName: 'Title Contains', name: 'title', type: 'string', default: '', description: 'Fuzzy match on the title (title)' },
];

export const STATE_FIELD: INodeProperties = {
	displayName: 'State',
	name: 'state',
	type: 'options',
	options: [
		{ name: 'Any', value: 'any', description: 'No state filter' },
		{ name: 'Deleted (0)', value: 0 },
		{ name: 'Draft (2)', value: 2, description: 'Drafts are outbox messages in state 2' },
		{ name: 'Sent (1)', value: 1 },
	],
	default: 1,
	description: 'Which outbox messages to list (state)',
};

/** Where a listed message keeps its outbox ID (Get Sent and the trigger). */
export const ID_FIELD: INodeProperties = {
	displayName: 'ID Field',
	name: 'idField',
	type: 'string',
	default: '',
	placeholder: 'outboxid',
	description: 'The key of the outbox ID in a listed message. Leave empty to look for outboxid, outboxId or ID.',
};

export const LIST_FIELD: INodeProperties = {
	displayName: 'List Field',
	name: 'listField',
	type: 'string',
	default: '',
	placeholder: 'list',
	description:
		'The key of the message list inside the answer\'s data. Leave empty to find it by itself (list, records, rows, content …, or the only list there).',
};

/** The Filters collection of the outbox query (List Sent and the trigger). */
export const FILTERS_FIELD: INodeProperties = {
	displayName: 'Filters',
	name: 'filters',
	type: 'collection',
	placeholder: 'Add Filter',
	default: {},
	options: FILTERS,
};

/** The options of a read that finds sent messages by their ID (Get Sent and the trigger). */
export const FIND_OPTIONS_FIELD = optionsCollection([LIST_FIELD, ID_FIELD]);

/** The List Field and ID Field options of an item ('' when not given). */
export function listOptions(f: ItemFields): { listField: string; idField: string } {
	const options = f.param<IDataObject>('options', {});
	return { listField: f.text(options.listField, 'List Field').trim(), idField: f.text(options.idField, 'ID Field').trim() };
}

/** The query parameters from the filters collection (only those given). */
export function outboxQuery(f: ItemFields, filters: IDataObject, state: unknown): IDataObject {
	const q: IDataObject = {};
	const texts: Array<[string, string, string]> = [
		['appId', 'appid', 'App IDs'],
		['appName', 'appname', 'App Name Contains'],
		['title', 'title', 'Title Contains'],
		['fromUserId', 'fromUserid', 'Sender User ID'],
		['fromOrgId', 'fromOrgid', 'Sender Org ID'],
		['fromDeptId', 'fromDeptid', 'Sender Department ID'],
		['outboxId', 'outboxid', 'Outbox ID'],
	];
	for (const [key, param, label] of texts) {
		const v = key === 'appId' ? f.list(filters[key], label).join(',') : f.text(filters[key], label);
		if (v) q[param] = v;
	}
	if (filters.fromUserType !== undefined) q.fromUsertype = f.oneOf(String(filters.fromUserType), 'Sender User Type', ['1', '2']) === '1' ? 1 : 2;
	if (filters.msgType !== undefined) q.msgtype = Number(f.oneOf(String(filters.msgType), 'Message Type', ['0', '1', '10']));
	if (state !== 'any' && state !== undefined) q.state = Number(f.oneOf(String(state), 'State', ['0', '1', '2']));
	return q;
}
