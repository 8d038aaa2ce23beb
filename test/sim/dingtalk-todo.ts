/**
 * DingTalk todo tasks (待办) on api.dingtalk.com, after the pages add-dingtalk-to-do-task,
 * updates-dingtalk-to-do-tasks, update-dingtalk-to-do-status, delete-dingtalk-to-do-tasks and
 * todo-faq, and the official SDK's GetTodoTask (/tmp/research/dingtalk.md §3).
 *
 * Every person is a **union ID**: the path {unionId}, operatorId, creatorId, executorIds,
 * participantIds and executorStatusList[].id. A user ID (or anything not a union ID of the
 * organization) is refused [sim: DingTalk's answer to a user ID is not documented; the sim answers
 * 400 <api>.paramError "<field> is invalid"].
 * Documented checks: subject required, at most 1024 characters; description at most 4096; dueTime a
 * time in ms; detailUrl appUrl/pcUrl at most 1024 bytes each; priority 10/20/30/40;
 * sourceId unique per app ("task exist"); executors/participants at most `todoMaxPeople` (update:
 * 1000); a task of another app: "task not belong to bizTag"; unknown: "task not exist".
 * Get has no documented error table [sim: 400 todo.taskQuery.paramError "task not exist"].
 */
import { randomBytes } from 'node:crypto';
import type { SimRequest } from './base';
import type { DingTalkSim } from './dingtalk';
import type { DingTalkApps } from './dingtalk-apps';
import { newRequestId, V1Reject } from './dingtalk-v1';

export const TODO_ROUTES = {
	create: 'POST /v1.0/todo/users/{unionId}/tasks',
	get: 'GET /v1.0/todo/users/{unionId}/tasks/{taskId}',
	update: 'PUT /v1.0/todo/users/{unionId}/tasks/{taskId}',
	executorStatus: 'PUT /v1.0/todo/users/{unionId}/tasks/{taskId}/executorStatus',
	delete: 'DELETE /v1.0/todo/users/{unionId}/tasks/{taskId}',
} as const;

export interface TodoTask {
	id: string;
	appKey: string;
	subject: string;
	description?: string;
	dueTime?: number;
	executorIds: string[];
	participantIds: string[];
	detailUrl?: { appUrl?: string; pcUrl?: string };
	isOnlyShowExecutor?: boolean;
	priority?: number;
	notifyConfigs?: Record<string, unknown>;
	sourceId?: string;
	creatorId: string;
	modifierId: string;
	createdTime: number;
	modifiedTime: number;
	done: boolean;
	finishTime?: number;
	/** executor unionId -> done (executorStatus). */
	executorDone: Record<string, boolean>;
	deleted: boolean;
}

function taskId(): string {
	return `OPJ${randomBytes(12).toString('base64').replace(/[^A-Za-z0-9]/g, 'x')}`;
}

function chars(s: string): number {
	return [...s].length;
}

export function registerTodo(sim: DingTalkSim, apps: DingTalkApps): void {
	const paramError = (api: string, message: string, reason = message) => new V1Reject(400, `todo.${api}.paramError`, message, reason);

	const union = (api: string, value: unknown, field: string): string => {
		if (typeof value !== 'string' || !apps.byUnionId(value)) {
			throw paramError(api, `${field} is invalid`, `${field} ${JSON.stringify(value)} is not a union ID of the organization`);
		}
		return value;
	};

	const unionList = (api: string, value: unknown, field: string): string[] | undefined => {
		if (value === undefined || value === null) return undefined;
		if (!Array.isArray(value)) throw paramError(api, `${field} is invalid`, `${field} is not a list`);
		const list = value.map((v) => union(api, v, field));
		const name = field === 'executorIds' ? 'executors' : 'participants';
		if (list.length > sim.settings.todoMaxPeople) throw paramError(api, `${name} is oversize`);
		return list;
	};

	const operator = (api: string, req: SimRequest): string => {
		const user = union(api, req.params?.unionId, 'unionId');
		if (req.query.operatorId !== undefined) union(api, req.query.operatorId, 'operatorId');
		return user;
	};

	const owned = (api: string, req: SimRequest, appKey: string): TodoTask => {
		const task = apps.todos.get(req.params?.taskId ?? '');
		if (!task || task.deleted) throw paramError(api, 'task not exist');
		if (task.appKey !== appKey) throw paramError(api, 'task not belong to bizTag');
		return task;
	};

	/** subject / description / dueTime / executorIds / participantIds, as create and update take them. */
	const common = (api: string, body: Record<string, unknown>, creating: boolean) => {
		const out: Partial<TodoTask> = {};
		if (creating || body.subject !== undefined) {
			if (typeof body.subject !== 'string' || body.subject.trim() === '') throw paramError(api, 'subject is empty');
			if (chars(body.subject) > 1024) throw paramError(api, 'subject is oversize');
			out.subject = body.subject;
		}
		if (body.description !== undefined) {
			if (typeof body.description !== 'string') throw paramError(api, 'description is invalid');
			if (chars(body.description) > 4096) throw paramError(api, 'description is oversize');
			out.description = body.description;
		}
		if (body.dueTime !== undefined) {
			if (typeof body.dueTime !== 'number' || !Number.isSafeInteger(body.dueTime) || body.dueTime < 1e12) throw paramError(api, 'dueTime is invalid');
			out.dueTime = body.dueTime;
		}
		const executors = unionList(api, body.executorIds, 'executorIds');
		if (executors) out.executorIds = executors;
		const participants = unionList(api, body.participantIds, 'participantIds');
		if (participants) out.participantIds = participants;
		return out;
	};

	const answer = (t: TodoTask) => ({
		id: t.id,
		subject: t.subject,
		description: t.description,
		startTime: t.createdTime,
		dueTime: t.dueTime,
		finishTime: t.finishTime,
		done: t.done,
		executorIds: t.executorIds,
		participantIds: t.participantIds,
		detailUrl: t.detailUrl,
		source: 'isv_dingtalkTodo',
		sourceId: t.sourceId,
		createdTime: t.createdTime,
		modifiedTime: t.modifiedTime,
		creatorId: t.creatorId,
		modifierId: t.modifierId,
		bizTag: 'isv_dingtalkTodo',
		requestId: newRequestId(),
		isOnlyShowExecutor: t.isOnlyShowExecutor,
		priority: t.priority,
		notifyConfigs: t.notifyConfigs,
	});

	apps.v1Route(
		TODO_ROUTES.create,
		(req, appKey) => {
			const api = 'taskCreate';
			const user = operator(api, req);
			const body = req.body ?? {};
			const fields = common(api, body, true);
			const task: TodoTask = {
				id: taskId(),
				appKey,
				subject: fields.subject!,
				description: fields.description,
				dueTime: fields.dueTime,
				executorIds: fields.executorIds ?? [],
				participantIds: fields.participantIds ?? [],
				creatorId: body.creatorId === undefined ? user : union(api, body.creatorId, 'creatorId'),
				modifierId: user,
				createdTime: Date.now(),
				modifiedTime: Date.now(),
				done: false,
				executorDone: {},
				deleted: false,
			};
			if (body.detailUrl !== undefined) {
				const d = body.detailUrl as Record<string, unknown>;
				if (!d || typeof d !== 'object' || Array.isArray(d)) throw paramError(api, 'detailUrl is invalid');
				for (const k of ['appUrl', 'pcUrl']) {
					const v = d[k];
					if (v !== undefined && (typeof v !== 'string' || Buffer.byteLength(v, 'utf8') > 1024)) throw paramError(api, `detailUrl.${k} is invalid`);
				}
				task.detailUrl = { appUrl: d.appUrl as string | undefined, pcUrl: d.pcUrl as string | undefined };
			}
			if (body.priority !== undefined) {
				if (![10, 20, 30, 40].includes(body.priority as number)) throw paramError(api, 'priority is invalid');
				task.priority = body.priority as number;
			}
			if (body.isOnlyShowExecutor !== undefined) {
				if (typeof body.isOnlyShowExecutor !== 'boolean') throw paramError(api, 'isOnlyShowExecutor is invalid');
				task.isOnlyShowExecutor = body.isOnlyShowExecutor;
			}
			if (body.notifyConfigs !== undefined) {
				const n = body.notifyConfigs as Record<string, unknown>;
				if (!n || typeof n !== 'object' || (n.dingNotify !== undefined && n.dingNotify !== '1' && n.dingNotify !== '0')) {
					throw paramError(api, 'notifyConfigs is invalid');
				}
				task.notifyConfigs = n;
			}
			if (body.sourceId !== undefined) {
				if (typeof body.sourceId !== 'string' || body.sourceId === '') throw paramError(api, 'sourceId is invalid');
				if ([...apps.todos.values()].some((t) => t.appKey === appKey && t.sourceId === body.sourceId)) throw paramError(api, 'task exist');
				task.sourceId = body.sourceId;
			}
			apps.todos.set(task.id, task);
			sim.record(TODO_ROUTES.create, { appKey, unionId: user, operatorId: req.query.operatorId, ...body, id: task.id }, task.id);
			return answer(task);
		},
		true,
	);

	apps.v1Route(
		TODO_ROUTES.get,
		(req, appKey) => {
			operator('taskQuery', req);
			return answer(owned('taskQuery', req, appKey));
		},
		true,
	);

	apps.v1Route(
		TODO_ROUTES.update,
		(req, appKey) => {
			const api = 'taskUpdate';
			const user = operator(api, req);
			const task = owned(api, req, appKey);
			const body = req.body ?? {};
			const fields = common(api, body, false);
			if (body.done !== undefined && typeof body.done !== 'boolean') throw paramError(api, 'done is invalid');
			Object.assign(task, fields);
			if (body.done !== undefined) {
				task.done = body.done as boolean;
				task.finishTime = task.done ? Date.now() : undefined;
			}
			task.modifierId = user;
			task.modifiedTime = Date.now();
			sim.record(TODO_ROUTES.update, { appKey, unionId: user, taskId: task.id, ...body });
			return { result: true };
		},
		true,
	);

	apps.v1Route(
		TODO_ROUTES.executorStatus,
		(req, appKey) => {
			const api = 'taskExecutorStatusUpdate';
			const user = operator(api, req);
			const task = owned(api, req, appKey);
			const list = (req.body ?? {}).executorStatusList;
			if (!Array.isArray(list) || list.length === 0) throw paramError(api, 'executorStatusList is empty');
			if (list.length > 1000) throw paramError(api, 'executors is oversize');
			const changes: Record<string, boolean> = {};
			for (const entry of list) {
				const e = (entry ?? {}) as Record<string, unknown>;
				const id = union(api, e.id, 'executorStatusList.id');
				if (typeof e.isDone !== 'boolean') throw paramError(api, 'executorStatusList.isDone is invalid');
				changes[id] = e.isDone;
			}
			Object.assign(task.executorDone, changes);
			task.modifierId = user;
			task.modifiedTime = Date.now();
			sim.record(TODO_ROUTES.executorStatus, { appKey, unionId: user, taskId: task.id, executorStatusList: list });
			return { result: true };
		},
		true,
	);

	apps.v1Route(
		TODO_ROUTES.delete,
		(req, appKey) => {
			const api = 'taskDelete';
			const user = operator(api, req);
			const task = owned(api, req, appKey);
			task.deleted = true;
			sim.record(TODO_ROUTES.delete, { appKey, unionId: user, taskId: task.id });
			return { result: true, requestId: newRequestId() };
		},
		true,
	);
}
