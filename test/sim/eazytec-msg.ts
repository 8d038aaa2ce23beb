/**
 * The Eazytec 卓易政企通 message-center interfaces besides the send, as their public pages show them
 * (doc.eazytec-cloud.com/emsg/…; the stored copies end after about 2,000 characters each):
 *
 *   GET  {/AGCS_zqc}/v3_1/msgcenter/query/outbox   查询发件箱 (new-im-3 #1): query parameters in full;
 *        the answer is cut off after `"data": {`, so the page object's keys are the simulator's
 *        choice, a setting: 'list' (PageHelper's PageInfo: pageNum, pageSize, size, total, pages,
 *        list) or 'records' (MyBatis-Plus's Page: records, total, size, current, pages).
 *        A listed message carries the fields the query filters on, under the same names (appid,
 *        appname, msgtype, outboxid, title, fromUserid, fromUsertype, fromOrgid, fromDeptid, state):
 *        the simulator's assumption; nothing else (no read or reply counts: not documented).
 *   GET  {/AGCS_zqc}/v3_1/msgpoly/dict/category     获取消息类型字典 (new-im-7 #1): complete; data is
 *        the list of category texts.
 *   POST {/AGCS_zqc}/v3_1/msgcenter/push            推送手机端 (new-im-push): request in full; the
 *        answer is cut off: the gateway's wrapper is assumed, with data null.
 *
 * Here: the checks and shapes, as pure functions; the routes are in eazytec.ts.
 */
export type Problem = { kind: 'missing' | 'invalid'; field: string; reason: string };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/** The documented query parameters of 查询发件箱 that take whole numbers, and their allowed values. */
const OUTBOX_INTS: Record<string, { min?: number; values?: number[] }> = {
	pageNo: { min: 1 },
	pageSize: { min: 1 },
	msgtype: { values: [0, 1, 10] },
	fromUsertype: { values: [1, 2] },
	state: { values: [0, 1, 2] },
};

/** Checks the outbox query's parameters ("int >=1", the listed values); returns the first problem. */
export function validateOutboxQuery(query: Record<string, string>): Problem | undefined {
	for (const [key, rule] of Object.entries(OUTBOX_INTS)) {
		const raw = query[key];
		if (raw === undefined || raw === '') continue;
		if (!/^-?\d+$/.test(raw)) return { kind: 'invalid', field: key, reason: 'must be a whole number' };
		const n = Number(raw);
		if (rule.min !== undefined && n < rule.min) return { kind: 'invalid', field: key, reason: `must be >= ${rule.min}` };
		if (rule.values && !rule.values.includes(n)) return { kind: 'invalid', field: key, reason: `not an allowed value (${rule.values.join('/')})` };
	}
	return undefined;
}

export type OutboxRecord = Record<string, unknown>;

/** Whether a record matches the query: appid from a comma list, appname and title fuzzy, the rest exact. */
export function matchesOutbox(record: OutboxRecord, query: Record<string, string>): boolean {
	const has = (k: string) => query[k] !== undefined && query[k] !== '';
	if (has('appid') && !query.appid.split(',').map((s) => s.trim()).includes(String(record.appid))) return false;
	for (const k of ['appname', 'title']) if (has(k) && !String(record[k] ?? '').includes(query[k])) return false;
	for (const k of ['msgtype', 'outboxid', 'fromUserid', 'fromUsertype', 'fromOrgid', 'fromDeptid', 'state']) {
		if (has(k) && String(record[k] ?? '') !== query[k]) return false;
	}
	return true;
}

/** One page of the outbox, in the page object's shape the setting names. */
export function outboxPage(records: OutboxRecord[], query: Record<string, string>, shape: 'list' | 'records'): Record<string, unknown> {
	const pageNo = Number(query.pageNo || 1);
	const pageSize = Number(query.pageSize || 10);
	const matching = records.filter((r) => matchesOutbox(r, query));
	const page = matching.slice((pageNo - 1) * pageSize, pageNo * pageSize);
	const pages = Math.ceil(matching.length / pageSize);
	return shape === 'records'
		? { records: page, total: matching.length, size: pageSize, current: pageNo, pages }
		: { pageNum: pageNo, pageSize, size: page.length, total: matching.length, pages, list: page };
}

/** The outbox record of an accepted send (the fields the outbox query filters on). */
export function outboxRecordOf(outboxid: string, body: Record<string, unknown>): OutboxRecord {
	const sendData = (body.sendData ?? {}) as Record<string, unknown>;
	const from = (body.from ?? {}) as Record<string, unknown>;
	return {
		outboxid,
		appid: sendData.appid,
		appname: sendData.appname,
		msgtype: sendData.msgtype,
		title: sendData.title,
		fromUserid: from.userid,
		fromUsertype: from.usertype,
		fromOrgid: from.orgid,
		fromDeptid: from.deptid ?? '',
		state: 1,
	};
}

/** Checks a 推送手机端 body against its schema; returns the first problem (a missing field before a malformed one). */
export function validatePush(body: Record<string, unknown>): Problem | undefined {
	const problems: Problem[] = [];
	const missing = (field: string) => problems.push({ kind: 'missing', field, reason: 'required' });
	const invalid = (field: string, reason: string) => problems.push({ kind: 'invalid', field, reason });
	const optString = (o: Record<string, unknown>, k: string, path: string) => {
		if (o[k] !== undefined && o[k] !== null && typeof o[k] !== 'string') invalid(path, 'must be a string');
	};
	if (blank(body.type)) missing('type');
	else if (body.type !== 'msg' && body.type !== 'task') invalid('type', 'not an allowed value (msg/task)');
	const msg = body.msg;
	if (msg === undefined || msg === null) missing('msg');
	else if (!isObject(msg)) invalid('msg', 'must be an object');
	else {
		if (blank(msg.title)) missing('msg.title');
		else if (typeof msg.title !== 'string') invalid('msg.title', 'must be a string');
		for (const k of ['subtitle', 'content', 'appid']) optString(msg, k, `msg.${k}`);
	}
	if (body.params !== undefined && body.params !== null) {
		if (!isObject(body.params)) invalid('params', 'must be an object');
		else optString(body.params, 'url', 'params.url');
	}
	const users = body.users;
	if (users === undefined || users === null || (Array.isArray(users) && users.length === 0)) missing('users');
	else if (!Array.isArray(users)) invalid('users', 'must be a list');
	else
		users.forEach((u, n) => {
			if (!isObject(u)) {
				invalid(`users[${n}]`, 'must be an object');
				return;
			}
			if (blank(u.userid)) missing(`users[${n}].userid`);
			else if (typeof u.userid !== 'string') invalid(`users[${n}].userid`, 'must be a string');
			if (u.usertype === undefined || u.usertype === null || u.usertype === '') missing(`users[${n}].usertype`);
			else if (u.usertype !== 1 && u.usertype !== 2) invalid(`users[${n}].usertype`, 'must be the integer 1 or 2');
		});
	return problems.find((p) => p.kind === 'missing') ?? problems[0];
}
