import type { IDataObject } from 'n8n-workflow';
import { createDingTalkSim, DINGTALK_DEMO } from '../sim/dingtalk';
import type { DingTalkSim } from '../sim/dingtalk';
import { DINGTALK_APP_ROUTES } from '../sim/dingtalk-apps';
import { N8nHarness } from './harness';

/**
 * The DingTalk node's pick-lists in a running n8n, asked the way the editor asks
 * (POST /rest/dynamic-node-parameters/...), against the simulator's contacts.
 */
describe('DingTalk pick-lists in a running n8n', () => {
	let sim: DingTalkSim;
	let n8n: N8nHarness;
	let server: { url: string; stop: () => Promise<void> };
	let cookie = '';
	let credential: { id: string; name: string };
	const nodeType = { name: 'n8n-nodes-cn-messaging.dingTalk', version: 1 };
	/** 30 more people in Sales, so that the walk needs several pages. */
	const extra = Array.from({ length: 30 }, (_, k) => ({ userid: `sales${k + 1}`, name: `Sales person ${k + 1}`, unionid: `unionSales${k + 1}`, dept: 421897262 }));

	const api = async (path: string, body: unknown) => {
		const res = await fetch(`${server.url}${path}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', cookie, 'browser-id': 'cn-messaging-tests' },
			body: JSON.stringify(body),
		});
		const json = (await res.json()) as IDataObject;
		return { status: res.status, json };
	};
	const options = (methodName: string, path: string, currentNodeParameters: IDataObject) =>
		api('/rest/dynamic-node-parameters/options', { nodeTypeAndVersion: nodeType, path, methodName, currentNodeParameters, credentials: { dingTalkApi: credential } });
	const search = (filter: string, paginationToken?: string) =>
		api('/rest/dynamic-node-parameters/resource-locator-results', {
			nodeTypeAndVersion: nodeType,
			path: 'parameters.operator',
			methodName: 'searchUsers',
			currentNodeParameters: { resource: 'todo', operation: 'create' },
			credentials: { dingTalkApi: credential },
			filter,
			paginationToken,
		});

	beforeAll(async () => {
		sim = createDingTalkSim();
		const url = await sim.start();
		n8n = await N8nHarness.create('dingtalk-picklists');
		server = await n8n.startServer();
		const owner = await fetch(`${server.url}/rest/owner/setup`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ email: 'owner@example.com', firstName: 'Test', lastName: 'Owner', password: 'Passw0rd-for-tests' }),
		});
		expect(owner.status).toBe(200);
		cookie = (owner.headers.get('set-cookie') ?? '').split(';')[0];
		const saved = await api('/rest/credentials', {
			name: 'DingTalk (simulator)',
			type: 'dingTalkApi',
			data: { baseUrl: url, apiBaseUrl: url, appKey: DINGTALK_DEMO.appKey, appSecret: DINGTALK_DEMO.appSecret },
		});
		credential = { id: String((saved.json.data as IDataObject).id), name: 'DingTalk (simulator)' };
	});

	afterAll(async () => {
		await server?.stop();
		n8n?.dispose();
		await sim?.stop();
	});

	it('lists every person of every department (walking sub-departments, paging) and every department by its path, for the multi-selects', async () => {
		sim.settings.people.push(...extra);
		sim.settings.contactsPageMax = 7;
		const users = await options('getUsers', 'parameters.userIds', { resource: 'workNotification', operation: 'send', sendTo: 'users' });
		expect(users.status).toBe(200);
		const listed = users.json.data as Array<{ name: string; value: string }>;
		expect(listed.slice(0, 3)).toEqual([
			{ name: '张三 (manager4220)', value: 'manager4220' },
			{ name: '李四 (user123)', value: 'user123' },
			{ name: '王五 (user456)', value: 'user456' },
		]);
		expect(listed.map((u) => u.value).sort()).toEqual(sim.settings.people.map((p) => p.userid).sort());
		// Sales has 32 people at 7 per page: 5 pages.
		expect(sim.calls.filter((c) => c.route === DINGTALK_APP_ROUTES.userListSimple).length).toBe(1 + 5 + 1 + 1);

		const departments = await options('getDepartments', 'parameters.deptIds', { resource: 'workNotification', operation: 'send', sendTo: 'departments' });
		expect(departments.json.data).toEqual([
			{ name: 'Root Department (Everyone) (1)', value: '1' },
			{ name: 'Sales 销售部 (421897262)', value: '421897262' },
			{ name: 'Nursing 护理部 (421897263)', value: '421897263' },
			{ name: 'Nursing 护理部 / Ward 3 三病区 (421897264)', value: '421897264' },
		]);
	});

	/** Every result of a search, following the pagination token as the editor does when scrolling. */
	const searchAll = async (filter: string) => {
		const seen: Array<{ name: string; value: string }> = [];
		let token: string | undefined;
		let pages = 0;
		do {
			const page = await search(filter, token);
			expect(page.status).toBe(200);
			const data = page.json.data as { results: Array<{ name: string; value: string }>; paginationToken?: string };
			seen.push(...data.results);
			token = data.paginationToken;
			pages++;
		} while (token && pages < 30);
		return { seen, pages };
	};

	it('searches people for a resource locator page by page, without duplicates, and by name or userid', async () => {
		sim.settings.contactsPageMax = 2;
		const all = await searchAll('');
		expect(all.pages).toBeGreaterThan(1);
		expect(all.seen.map((r) => r.value).sort()).toEqual(sim.settings.people.map((p) => p.userid).sort());
		expect(all.seen[0]).toEqual({ name: '张三 (manager4220)', value: 'manager4220' });
		expect((await searchAll('王')).seen).toEqual([{ name: '王五 (user456)', value: 'user456' }]);
		expect((await searchAll('SALES3')).seen.map((r) => r.value)).toEqual(['sales3', 'sales30']);
	});

	it('a contacts permission missing is said in English, naming the permission', async () => {
		sim.settings.permissionDenied = [DINGTALK_APP_ROUTES.departmentListSub];
		const denied = await options('getDepartments', 'parameters.deptIds', { resource: 'workNotification', operation: 'send', sendTo: 'departments' });
		expect(denied.status).toBeGreaterThanOrEqual(400);
		expect(JSON.stringify(denied.json)).toContain('qyapi_get_department_list');
		sim.settings.permissionDenied = false;
	});
});
