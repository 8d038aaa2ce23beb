/**
 * What the todo operations share. DingTalk's todo APIs name every person by union ID; the node
 * takes userids (picked from the contacts or given) and looks each up once per execution with
 * topapi/v2/user/get, keeping the answer in the execution's Transport.
 */
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { messageOf } from '../../../common/errors';
import type { Operation } from '../../../common/run';
import type { Transport } from '../../../common/transport';
import type { ItemFields } from '../../../common/validation';
import { ROUTES } from '../../transport';
import { readUserLocator, userLocator } from '../people';
import { optionsCollection, requireAppType, taskIdField as sentTaskIdField } from '../shared';

/** Executors / participants per call (update: at most 1000; create: DingTalk recommends 100 or fewer). */
export const MAX_PEOPLE = 1000;

export const operatorField: INodeProperties = userLocator(
	'operator',
	'Operator',
	"The person the node acts for: DingTalk's {unionId} of the call. For Create, the todo's creator; for the others, someone who may see the todo (its creator, an executor or a participant).",
);

export const taskIdField: INodeProperties = { ...sentTaskIdField, placeholder: 'OPJpwtxxxxURjrzd', description: 'The ID of the todo, as Create returns it' };

/** The operator and task of an operation on an existing todo. */
export interface TodoTarget {
	operator: string;
	taskId: string;
}

/** Refuses a third-party credential, then reads Operator (and Task ID unless `withTask` is false). */
export async function readTarget(ctx: IExecuteFunctions, f: ItemFields, operation: string): Promise<TodoTarget> {
	await requireAppType(ctx, f, 'internal', `Todo > ${operation}`);
	return {
		operator: readUserLocator(f, 'operator', 'Operator'),
		taskId: f.text(f.param('taskId'), 'Task ID', { required: true }).trim(),
	};
}

/**
 * An operation on one todo that takes no other field (Get, Delete): `call` asks DingTalk as the
 * operator, whose union ID is looked up first.
 */
export function onTodo(
	operation: string,
	call: (t: Transport, unionId: string, taskId: string, itemIndex: number) => Promise<IDataObject>,
): Operation<TodoTarget> {
	return {
		description: [operatorField, taskIdField, optionsCollection()],
		async prepare(f) {
			return await readTarget(this, f, operation);
		},
		async execute(t, { operator, taskId }, i) {
			return await call(t, await unionIdOf(t, operator, 'Operator', i), taskId, i);
		},
	};
}

/**
 * The union ID of a userid, looked up once per execution (concurrent items share one lookup). A
 * userid DingTalk does not know fails the item, naming the field, before anything else is sent.
 */
export async function unionIdOf(t: Transport, userId: string, label: string, itemIndex: number): Promise<string> {
	const key = `dingtalk.unionId:${userId}`;
	let pending = t.memo.get(key) as Promise<string> | undefined;
	if (!pending) {
		pending = t.call<IDataObject>(ROUTES.userGet, { userid: userId, language: 'zh_CN' }, itemIndex).then((answer) => {
			const result = (answer.result ?? {}) as IDataObject;
			if (typeof result.unionid !== 'string' || result.unionid === '') throw new Error(`DingTalk returned no union ID for "${userId}"`);
			return result.unionid;
		});
		t.memo.set(key, pending);
		pending.catch(() => t.memo.delete(key));
	}
	try {
		return await pending;
	} catch (error) {
		const message = messageOf(error);
		if (/^DingTalk error (33012|60121|40003)\b/.test(message)) {
			throw new NodeOperationError(t.ctx.getNode(), `Item ${itemIndex + 1}, field "${label}": DingTalk knows no user "${userId}" (${message})`, {
				itemIndex,
				description: 'Give userids of people in the organization (and inside the app\'s contacts scope). Nothing was sent for this item.',
			});
		}
		throw error instanceof NodeApiError || error instanceof NodeOperationError ? error : new NodeOperationError(t.ctx.getNode(), message, { itemIndex });
	}
}

/** Union IDs of a list of userids, in order. */
export async function unionIdsOf(t: Transport, userIds: string[] | undefined, label: string, itemIndex: number): Promise<string[] | undefined> {
	if (userIds === undefined) return undefined;
	return await Promise.all(userIds.map((u) => unionIdOf(t, u, label, itemIndex)));
}

/** The path and operatorId query of a call on the operator's behalf. */
export function asOperator(unionId: string, taskId?: string): { path: Record<string, string>; query: IDataObject } {
	return { path: taskId === undefined ? { unionId } : { unionId, taskId }, query: { operatorId: unionId } };
}
