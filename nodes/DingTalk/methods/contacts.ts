/**
 * Reading the organization's contacts for the pick-lists. DingTalk lists departments one level at a
 * time (topapi/v2/department/listsub) and the people directly in one department, 100 per page
 * (topapi/user/listsimple, cursor paging), so the node walks the departments breadth-first from
 * the root (1). A walk can stop after any page and go on later from its state (the pick-list's
 * pagination token).
 */
import type { IDataObject } from 'n8n-workflow';
import type { Transport } from '../../common/transport';
import { ROUTES } from '../transport';

export const ROOT_DEPARTMENT = 1;
/** listsimple takes at most 100 per page. */
const PAGE_SIZE = 100;

export interface Person {
	userid: string;
	name: string;
}

export interface Department {
	id: number;
	name: string;
}

/** Departments still to read: id, the cursor of the next page of people, whether its sub-departments are queued. */
export interface WalkState {
	q: Array<{ d: number; c: number; x: boolean }>;
}

export function startWalk(): WalkState {
	return { q: [{ d: ROOT_DEPARTMENT, c: 0, x: false }] };
}

export function encodeWalk(state: WalkState): string | undefined {
	return state.q.length ? JSON.stringify(state) : undefined;
}

export function decodeWalk(token: string | undefined): WalkState {
	if (!token) return startWalk();
	try {
		const state = JSON.parse(token) as WalkState;
		if (Array.isArray(state.q)) return state;
	} catch {
		// not a token of ours: start again
	}
	return startWalk();
}

export async function subDepartments(t: Transport, id: number): Promise<Department[]> {
	const answer = await t.call<IDataObject>(ROUTES.departmentListSub, { dept_id: id, language: 'zh_CN' });
	const list = Array.isArray(answer.result) ? (answer.result as IDataObject[]) : [];
	return list.map((d) => ({ id: Number(d.dept_id), name: String(d.name ?? d.dept_id) }));
}

/**
 * Reads the next page of people of the walk (queueing the department's sub-departments first);
 * one or two DingTalk calls. Returns the people read and the number of calls made.
 */
export async function walkStep(t: Transport, state: WalkState): Promise<{ people: Person[]; calls: number }> {
	const head = state.q[0];
	if (!head) return { people: [], calls: 0 };
	let calls = 0;
	if (!head.x) {
		for (const d of await subDepartments(t, head.d)) state.q.push({ d: d.id, c: 0, x: false });
		head.x = true;
		calls++;
	}
	const answer = await t.call<IDataObject>(ROUTES.userListSimple, {
		dept_id: head.d,
		cursor: head.c,
		size: PAGE_SIZE,
		order_field: 'custom',
		contain_access_limit: false,
		language: 'zh_CN',
	});
	calls++;
	const result = (answer.result ?? {}) as IDataObject;
	const list = Array.isArray(result.list) ? (result.list as IDataObject[]) : [];
	if (result.has_more === true && Number(result.next_cursor) > head.c) head.c = Number(result.next_cursor);
	else state.q.shift();
	return { people: list.map((p) => ({ userid: String(p.userid), name: String(p.name ?? p.userid) })), calls };
}

/** The departments below the root, breadth-first, named by their path ("Nursing / Ward 3"); at most `max`, after at most `maxCalls` calls. */
export async function allDepartments(t: Transport, max: number, maxCalls: number): Promise<Department[]> {
	const out: Department[] = [];
	const queue: Department[] = [{ id: ROOT_DEPARTMENT, name: '' }];
	let calls = 0;
	while (queue.length && out.length < max && calls++ < maxCalls) {
		const parent = queue.shift()!;
		for (const d of await subDepartments(t, parent.id)) {
			const named = { id: d.id, name: parent.name ? `${parent.name} / ${d.name}` : d.name };
			out.push(named);
			queue.push(named);
		}
	}
	return out.slice(0, max);
}
