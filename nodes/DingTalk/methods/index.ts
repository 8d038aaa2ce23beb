/**
 * The DingTalk node's pick-lists, from the organization's contacts (contacts.ts):
 * - getUsers / getDepartments: the options of the "… Names or IDs" multi-selects;
 * - searchUsers: the "From List" mode of a person's resource locator (searched by name or userid,
 *   paged through the departments).
 * Reading contacts needs the app's contacts read permissions (README: API permissions).
 */
import type { ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult, INodePropertyOptions } from 'n8n-workflow';
import { Transport } from '../../common/transport';
import { dingTalkClient } from '../transport';
import { allDepartments, decodeWalk, encodeWalk, ROOT_DEPARTMENT, startWalk, walkStep } from './contacts';

/** The multi-select lists stop here, or after this many DingTalk calls (an expression takes any IDs). */
export const MAX_LISTED_PEOPLE = 1000;
export const MAX_LISTED_DEPARTMENTS = 500;
export const MAX_LIST_CALLS = 150;
/** One search page reads at most this many DingTalk pages, and stops once it has this many matches. */
const SEARCH_CALLS = 10;
const SEARCH_RESULTS = 50;

const label = (name: string, id: string) => `${name} (${id})`;

export const loadOptions = {
	async getUsers(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		const t = new Transport(this, dingTalkClient);
		const state = startWalk();
		const seen = new Map<string, string>();
		let calls = 0;
		while (state.q.length && seen.size < MAX_LISTED_PEOPLE && calls < MAX_LIST_CALLS) {
			const step = await walkStep(t, state);
			calls += step.calls;
			for (const p of step.people) if (!seen.has(p.userid)) seen.set(p.userid, p.name);
		}
		return [...seen.entries()].slice(0, MAX_LISTED_PEOPLE).map(([userid, name]) => ({ name: label(name, userid), value: userid }));
	},

	async getDepartments(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		const t = new Transport(this, dingTalkClient);
		const departments = await allDepartments(t, MAX_LISTED_DEPARTMENTS - 1, MAX_LIST_CALLS);
		return [
			{ name: label('Root Department (Everyone)', String(ROOT_DEPARTMENT)), value: String(ROOT_DEPARTMENT) },
			...departments.map((d) => ({ name: label(d.name, String(d.id)), value: String(d.id) })),
		];
	},
};

export const listSearch = {
	async searchUsers(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
		const t = new Transport(this, dingTalkClient);
		const state = decodeWalk(paginationToken);
		const wanted = (filter ?? '').trim().toLowerCase();
		const results: INodeListSearchItems[] = [];
		const seen = new Set<string>();
		let calls = 0;
		while (state.q.length && calls < SEARCH_CALLS && results.length < SEARCH_RESULTS) {
			const step = await walkStep(t, state);
			calls += step.calls;
			for (const p of step.people) {
				if (seen.has(p.userid)) continue;
				// Matched against what the list shows (name and userid), so any part of an entry finds it.
				const shown = label(p.name, p.userid);
				if (wanted && !shown.toLowerCase().includes(wanted)) continue;
				seen.add(p.userid);
				results.push({ name: shown, value: p.userid });
			}
		}
		return { results, paginationToken: encodeWalk(state) };
	},
};
