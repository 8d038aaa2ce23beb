import type { IDataObject, INodeProperties } from 'n8n-workflow';
import type { Operation } from '../../../common/run';
import { ROUTES } from '../../transport';
import { noticeField } from '../../../common/properties';
import { outputField } from '../fields';
import { agentIdField, optionsCollection, readTask, taskIdField } from '../shared';
import type { SentTask } from '../shared';

/** Why DingTalk held a message back from a user (forbidden_list codes, documented). */
export const FORBIDDEN_REASONS: Record<string, string> = {
	'143103': "the app's per-minute receiver limit was exceeded",
	'143104': "the organization's per-minute receiver limit was exceeded",
	'143105': 'the app reached its daily limit of notifications to this user',
	'143106': 'the same content was already sent to this user today',
	'143203': "the third-party app's per-minute receiver limit was exceeded",
	'143204': "the organization's per-minute receiver limit (third-party apps) was exceeded",
	'143205': 'the third-party app reached its daily limit of notifications to this user',
	'143206': 'the same content was already sent to this user today (third-party app)',
	'1430000': 'no receiver',
	'1430001': 'unrecognized grant type',
	'1430002': 'the content contains forbidden words',
	'1430003': 'DingTalk system protection was triggered',
	'1430004': 'the receiver is a protected senior executive',
};

export const description: INodeProperties[] = [
	noticeField('resultNotice', 'DingTalk returns results only for sends to at most 100 people, for tasks of the last 24 hours, and once the send is done (see Get Progress)'),
	agentIdField,
	taskIdField,
	outputField(
		{ name: 'One Item With Lists', value: 'lists', description: 'Read, unread, failed, forbidden and invalid lists in one item' },
		'An item per receiver with its status (read, unread, failed, forbidden, invalid)',
	),
	optionsCollection(),
];

export interface Prepared extends SentTask {
	perUser: boolean;
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map((x) => String(x)) : []);

/** One item per receiver (and per unknown department) from DingTalk's send_result. */
export function resultPerUser(taskId: number, result: IDataObject): IDataObject[] {
	const out: IDataObject[] = [];
	const seen = new Set<string>();
	const add = (userid: string, status: string, extra: IDataObject = {}) => {
		if (seen.has(`${status}|${userid}`)) return;
		seen.add(`${status}|${userid}`);
		out.push({ task_id: taskId, userid, status, ...extra });
	};
	for (const u of strings(result.read_user_id_list)) add(u, 'read');
	for (const u of strings(result.unread_user_id_list)) add(u, 'unread');
	for (const u of strings(result.failed_user_id_list)) add(u, 'failed');
	const forbidden = Array.isArray(result.forbidden_list) ? (result.forbidden_list as IDataObject[]) : [];
	for (const f of forbidden) {
		const code = String(f.code ?? '');
		add(String(f.userid), 'forbidden', { forbiddenCode: code, reason: FORBIDDEN_REASONS[code] ?? 'held back by DingTalk', count: f.count });
	}
	for (const u of strings(result.forbidden_user_id_list)) add(u, 'forbidden');
	for (const u of strings(result.invalid_user_id_list)) add(u, 'invalid', { reason: 'no such user' });
	for (const d of strings(result.invalid_dept_id_list)) {
		out.push({ task_id: taskId, dept_id: d, status: 'invalid department', reason: 'no such department' });
	}
	return out;
}

export const getResult: Operation<Prepared> = {
	description,
	prepare(f) {
		return {
			...readTask(f),
			perUser: f.oneOf(f.param('output'), 'Output', ['lists', 'perUser'] as const) === 'perUser',
		};
	},
	async execute(t, { agentId, taskId, perUser }, i) {
		const answer = await t.call(ROUTES.getsendresult, { agent_id: agentId, task_id: taskId }, i);
		const result = (answer.send_result ?? {}) as IDataObject;
		if (perUser) return resultPerUser(taskId, result);
		return { agent_id: agentId, task_id: taskId, ...result, request_id: answer.request_id };
	},
};
