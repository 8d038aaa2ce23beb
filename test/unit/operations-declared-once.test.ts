/**
 * Every node's operation pick-lists and its implementations are one set: each option of an
 * `operation` property has an implementation, each implementation has an option, and each option
 * says its action (n8n shows it in the node panel and as the AI tool's description).
 */
import type { INodeProperties, INodePropertyOptions, INodeType } from 'n8n-workflow';
import type { Resource } from '../../nodes/common/router';
import { DhcMessagePlatform } from '../../nodes/DhcMessagePlatform/DhcMessagePlatform.node';
import { resources as dhcResources } from '../../nodes/DhcMessagePlatform/actions';
import { DingTalk } from '../../nodes/DingTalk/DingTalk.node';
import { resources as dingTalkResources } from '../../nodes/DingTalk/actions';
import { EazytecZqt } from '../../nodes/EazytecZqt/EazytecZqt.node';
import { resources as eazytecResources } from '../../nodes/EazytecZqt/actions';
import { KingdeeJdy } from '../../nodes/KingdeeJdy/KingdeeJdy.node';
import { resources as kingdeeResources } from '../../nodes/KingdeeJdy/actions';
import { VanytechMessageCenter } from '../../nodes/VanytechMessageCenter/VanytechMessageCenter.node';
import { resources as vanytechResources } from '../../nodes/VanytechMessageCenter/actions';

const NODES: Array<[string, INodeType, Record<string, Resource>]> = [
	['Vanytech Message Center', new VanytechMessageCenter(), vanytechResources],
	['Kingdee JDY', new KingdeeJdy(), kingdeeResources],
	['DHC Message Platform', new DhcMessagePlatform(), dhcResources],
	['Eazytec ZQT', new EazytecZqt(), eazytecResources],
	['DingTalk', new DingTalk(), dingTalkResources],
];

/** resource -> the option values of its `operation` property, as the node's description declares them. */
function declared(node: INodeType): Map<string, INodePropertyOptions[]> {
	const out = new Map<string, INodePropertyOptions[]>();
	for (const p of node.description.properties as INodeProperties[]) {
		if (p.name !== 'operation') continue;
		const shownFor = (p.displayOptions?.show?.resource ?? []) as string[];
		expect(shownFor).toHaveLength(1);
		out.set(shownFor[0], (p.options ?? []) as INodePropertyOptions[]);
	}
	return out;
}

function resourceOptions(node: INodeType): string[] {
	const p = node.description.properties.find((x) => x.name === 'resource');
	return ((p?.options ?? []) as INodePropertyOptions[]).map((o) => String(o.value));
}

describe.each(NODES)('%s declares each operation once', (_name, node, resources) => {
	const options = declared(node);

	it('offers exactly the resources it implements', () => {
		expect(resourceOptions(node).sort()).toEqual(Object.keys(resources).sort());
		expect([...options.keys()].sort()).toEqual(Object.keys(resources).sort());
	});

	it('has an implementation for every operation option, and an option for every implementation', () => {
		for (const [resource, list] of options) {
			const values = list.map((o) => String(o.value)).sort();
			expect({ resource, operations: values }).toEqual({ resource, operations: Object.keys(resources[resource].operations).sort() });
		}
	});

	it('gives every operation option an action text', () => {
		for (const list of options.values()) {
			for (const o of list) expect({ value: o.value, action: o.action }).toEqual({ value: o.value, action: expect.stringMatching(/\S/) });
		}
	});

	it('spreads each resource description (its operation list and fields) into the node', () => {
		for (const resource of Object.values(resources)) {
			for (const p of resource.description) expect(node.description.properties).toContain(p);
		}
	});
});
