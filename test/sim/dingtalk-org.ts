/**
 * The organization side of the DingTalk simulator (oapi.dingtalk.com, access_token in the query):
 *
 *   POST /topapi/v2/department/listsub   {dept_id?, language?}  -> result: the next level only   [user-management-acquires-the-list-departments]
 *   POST /topapi/user/listsimple         {dept_id, cursor, size <= 100, order_field?, contain_access_limit?, language?}
 *                                        -> result {has_more, next_cursor, list[{name, userid}]}: direct members only   [queries-the-simple-information-of-a-department-user]
 *   POST /topapi/v2/user/get             {userid, language?} -> result {userid, unionid, name, ...}   [query-user-details]
 *   GET  /get_jsapi_ticket                -> {errcode 0, ticket, expires_in}   [obtain-jsapi-ticket; any internal or third-party app]
 *   POST /service/get_corp_token?accessKey&timestamp&suiteTicket&signature  {"auth_corpid"}   [obtain-isvapp-token]
 *        signature = Base64(HmacSHA256(suiteSecret, timestamp + "\n" + suiteTicket)), URL-encoded once
 *        [the-signature-calculation-method-of-the-third-party-access-interface]; errors from the global
 *        table: 853001 bad timestamp, 853002 more than 1 minute off, 853003 unknown accessKey,
 *        853004 signature mismatch; 853005 suite ticket refused (observed answer, third-party issue);
 *        an organization that did not authorize the app [sim: 40089 不合法的corpId]. A repeated call
 *        returns a new token (documented).
 * Errors: 60003 未找到对应部门, 40069 无效的size, 40068 无效的偏移量, 33012 无效的userId.
 */
import { createHmac } from 'node:crypto';
import type { SimRequest, SimResponse } from './base';
import type { DingTalkSim } from './dingtalk';
import type { DingTalkApps } from './dingtalk-apps';

export const ORG_ROUTES = {
	listsub: 'POST /topapi/v2/department/listsub',
	listsimple: 'POST /topapi/user/listsimple',
	userGet: 'POST /topapi/v2/user/get',
	jsapiTicket: 'GET /get_jsapi_ticket',
	corpToken: 'POST /service/get_corp_token',
} as const;

const ORDER_FIELDS = ['entry_asc', 'entry_desc', 'modify_asc', 'modify_desc', 'custom'];

/** Base64(HmacSHA256(key = suiteSecret, data = timestamp + "\n" + suiteTicket)), as DingTalk's page gives it. */
export function corpSignature(suiteSecret: string, timestamp: string, suiteTicket: string): string {
	return createHmac('sha256', suiteSecret).update(`${timestamp}\n${suiteTicket}`, 'utf8').digest('base64');
}

function whole(value: unknown): number | undefined {
	if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
	if (typeof value === 'string' && /^\d{1,16}$/.test(value)) return Number(value);
	return undefined;
}

export function registerOrg(sim: DingTalkSim, apps: DingTalkApps): void {
	const deptExists = (id: number) => id === 1 || sim.settings.departments.some((d) => d.id === id);
	const notFound = () => sim.rejection({ errcode: 60003, errmsg: '未找到对应部门' }, 'department unknown');

	sim.topapi(ORG_ROUTES.listsub, (p) => {
		const id = p.dept_id === undefined ? 1 : whole(p.dept_id);
		if (id === undefined) throw sim.paramError('dept_id');
		if (!deptExists(id)) throw notFound();
		const result = sim.settings.departments
			.filter((d) => d.parentId === id)
			.map((d) => ({ auto_add_user: true, create_dept_group: true, dept_id: d.id, name: d.name, parent_id: d.parentId }));
		return { errcode: 0, errmsg: 'ok', result, request_id: 'listsub' };
	});

	sim.topapi(ORG_ROUTES.listsimple, (p) => {
		const id = whole(p.dept_id);
		if (id === undefined) throw sim.paramError('dept_id');
		const cursor = whole(p.cursor);
		if (p.cursor === undefined || p.cursor === null) throw sim.paramError('cursor');
		if (cursor === undefined) throw sim.rejection({ errcode: 40068, errmsg: '无效的偏移量' }, 'cursor invalid');
		const size = whole(p.size);
		if (p.size === undefined || p.size === null) throw sim.paramError('size');
		if (size === undefined || size < 1 || size > 100) throw sim.rejection({ errcode: 40069, errmsg: '无效的size' }, 'size must be 1..100');
		if (p.order_field !== undefined && !ORDER_FIELDS.includes(String(p.order_field))) throw sim.paramError('order_field');
		if (!deptExists(id)) throw notFound();
		const members = sim.settings.people.filter((person) => person.dept === id);
		const page = Math.min(size, sim.settings.contactsPageMax);
		const list = members.slice(cursor, cursor + page).map((person) => ({ name: person.name, userid: person.userid }));
		const hasMore = cursor + page < members.length;
		return { errcode: 0, errmsg: 'ok', result: { has_more: hasMore, ...(hasMore ? { next_cursor: cursor + page } : {}), list }, request_id: 'listsimple' };
	});

	sim.topapi(ORG_ROUTES.userGet, (p) => {
		if (typeof p.userid !== 'string' || p.userid === '') throw sim.paramError('userid');
		const person = apps.person(p.userid);
		if (!person) throw sim.rejection({ errcode: 33012, errmsg: '无效的userId' }, `user ${p.userid} unknown`);
		sim.record(ORG_ROUTES.userGet, { userid: person.userid });
		return {
			errcode: 0,
			errmsg: 'ok',
			result: { userid: person.userid, unionid: person.unionid, name: person.name, dept_id_list: [person.dept], active: true },
			request_id: 'userget',
		};
	});

	sim.topapi(ORG_ROUTES.jsapiTicket, () => ({ errcode: 0, ticket: `ticket${Date.now().toString(36)}`, expires_in: 7200, errmsg: 'ok' }));

	sim.route(ORG_ROUTES.corpToken, (req) => corpToken(sim, apps, req));
}

function corpToken(sim: DingTalkSim, apps: DingTalkApps, req: SimRequest): SimResponse {
	const refuse = (errcode: number, errmsg: string, reason: string) => sim.refuse(req, errcode, reason, { body: { errcode, errmsg } });
	const { accessKey, timestamp, suiteTicket, signature } = req.query;
	if (!timestamp || !/^\d{13}$/.test(timestamp)) return refuse(853001, 'timestamp参数格式不正确，必须是当前时间的毫秒数', 'timestamp not in ms');
	if (Math.abs(Date.now() - Number(timestamp)) > sim.settings.corpTokenMaxSkewMs) {
		return refuse(853002, 'timestamp参数不合法，该参数值与钉钉服务器当前时间相差超过1分钟', 'timestamp too far from now');
	}
	const suite = accessKey ? sim.settings.suites[accessKey] : undefined;
	if (!suite) return refuse(853003, 'accessKey参数不合法，必须是钉钉开放平台存在的appId', 'accessKey unknown');
	// The query is decoded once: a signature encoded twice, or with a raw "+", no longer matches.
	if (!signature || signature !== corpSignature(suite.secret, timestamp, suiteTicket ?? '')) {
		return refuse(853004, 'signature参数不正确，与钉钉服务端计算出来的签名不一致，注意该参数传递时必须urlEncode', 'signature mismatch');
	}
	if (!suiteTicket || (suite.ticket !== undefined && suite.ticket !== suiteTicket)) {
		return refuse(853005, '签名中套件ticket参数无效', 'suite ticket refused');
	}
	const corpId = req.body?.auth_corpid;
	if (typeof corpId !== 'string' || !suite.corps.includes(corpId)) return refuse(40089, '不合法的corpId或corpSecret', 'auth_corpid not an authorized organization');
	const token = sim.tokens.issue(`isv:${accessKey}:${corpId}`, 'hex').token;
	apps.kinds.set(token, 'corp');
	return { body: { access_token: token, errcode: 0, errmsg: 'ok', expires_in: sim.tokens.ttlSeconds } };
}
