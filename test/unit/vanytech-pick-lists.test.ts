import { VanytechMessageCenterApi } from '../../credentials/VanytechMessageCenterApi.credentials';
import { listSearch, resourceMapping } from '../../nodes/VanytechMessageCenter/methods';
import { resources } from '../../nodes/VanytechMessageCenter/actions';
import { ItemFields } from '../../nodes/common/validation';
import { createVanytechSim, VANYTECH_DEMO } from '../sim/vanytech';
import type { VanytechSim } from '../sim/vanytech';
import { fakeContext } from './support/fake-context';
import type { Operation } from '../../nodes/common/run';

/** The official-account and template pick-lists ("From list" of the resource locators), against the simulator. */
describe('Vanytech pick-lists', () => {
	let sim: VanytechSim;
	let url: string;
	const rl = (value: string, mode = 'list') => ({ __rl: true, mode, value });
	const context = (params: Record<string, unknown> = {}) =>
		fakeContext({
			params: params as never,
			credentialType: 'vanytechMessageCenterApi',
			credential: new VanytechMessageCenterApi(),
			credentials: { baseUrl: url, appId: VANYTECH_DEMO.appId, appPassword: VANYTECH_DEMO.appPassword, exchangeMethod: 'POST', token: '', expiresAt: 0 },
		});

	beforeAll(async () => {
		sim = createVanytechSim();
		url = await sim.start();
	});
	afterAll(async () => {
		await sim.stop();
	});

	it('lists the official accounts, marks the unavailable one, and searches by name or ID', async () => {
		const all = await listSearch.searchPublicAccounts.call(context() as never);
		expect(all.results).toEqual([
			{ name: '平台名称', value: VANYTECH_DEMO.publicId, description: '备注' },
			{ name: '平台名称1 (Unavailable)', value: VANYTECH_DEMO.disabledPublicId, description: '备注' },
		]);
		expect((await listSearch.searchPublicAccounts.call(context() as never, '名称1')).results.map((r) => r.value)).toEqual([VANYTECH_DEMO.disabledPublicId]);
		expect((await listSearch.searchPublicAccounts.call(context() as never, VANYTECH_DEMO.publicId.slice(0, 8).toUpperCase())).results.map((r) => r.value)).toEqual([
			VANYTECH_DEMO.publicId,
		]);
		expect((await listSearch.searchPublicAccounts.call(context() as never, 'no such account')).results).toEqual([]);
	});

	it("lists the chosen account's templates, whichever way the account was given", async () => {
		for (const publicId of [rl(VANYTECH_DEMO.publicId), rl(VANYTECH_DEMO.publicId, 'id'), VANYTECH_DEMO.publicId]) {
			const { results } = await listSearch.searchTemplates.call(context({ publicId }) as never);
			expect(results.map((r) => r.value)).toEqual([VANYTECH_DEMO.templateId, VANYTECH_DEMO.templateId2]);
			expect(results[0].name).toBe(`待办审批提醒 (${VANYTECH_DEMO.templateId.slice(0, 8)}…)`);
		}
		expect((await listSearch.searchTemplates.call(context({ publicId: rl('') }) as never)).results).toEqual([]);
	});

	it("the template's slots follow the templates chosen from the lists", async () => {
		const mapped = await resourceMapping.getTemplateSlots.call(context({ publicId: rl(VANYTECH_DEMO.publicId), templateId: rl(VANYTECH_DEMO.templateId) }) as never);
		expect(mapped.fields.map((f) => f.id)).toEqual(expect.arrayContaining(['first', 'keyword1', 'remark']));
	});

	it('an operation reads the ID from a locator, from a plain value of older workflows, and refuses an empty one', () => {
		const prepare = (publicId: unknown) => {
			const ctx = fakeContext({ params: { publicId } as never });
			return (resources.wechatTemplate.operations.listTemplates as Operation).prepare.call(ctx as never, new ItemFields(ctx as never, 0));
		};
		expect(prepare(rl(VANYTECH_DEMO.publicId))).toEqual({ publicId: VANYTECH_DEMO.publicId });
		expect(prepare(rl(VANYTECH_DEMO.publicId, 'id'))).toEqual({ publicId: VANYTECH_DEMO.publicId });
		expect(prepare(VANYTECH_DEMO.publicId)).toEqual({ publicId: VANYTECH_DEMO.publicId });
		expect(() => prepare(rl(''))).toThrow('Item 1, field "Official Account": is required but empty');
	});
});
