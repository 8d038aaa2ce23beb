import { ROUTES } from '../../transport';
import { callV1 } from '../../transport/v1';
import { onTodo } from './shared';

export const get = onTodo('Get', async (t, unionId, taskId, i) => await callV1(t, ROUTES.todoGet, { path: { unionId, taskId } }, i));
