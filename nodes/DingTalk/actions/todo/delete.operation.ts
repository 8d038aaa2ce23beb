import { ROUTES } from '../../transport';
import { callV1 } from '../../transport/v1';
import { asOperator, onTodo } from './shared';

export const deleteTodo = onTodo('Delete', async (t, unionId, taskId, i) => {
	const answer = await callV1(t, ROUTES.todoDelete, asOperator(unionId, taskId), i);
	return { id: taskId, deleted: answer.result === true, requestId: answer.requestId };
});
