import type { Operation } from '../../../common/run';
import { CATEGORY_NAMES } from '../message/send.fields';
import { readCategories } from './categories';

/** 获取消息类型字典 (emsg/new-im-7 interface 1): one item per category. */
export const getCategories: Operation<null> = {
	description: [],
	prepare() {
		return null;
	},
	async execute(t, _prepared, i) {
		return (await readCategories(t, i)).map((value) => ({ value, name: CATEGORY_NAMES[value] ?? value }));
	},
};
