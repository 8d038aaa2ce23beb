import type { DemoPlatform } from './demo-types';
import { createVanytechSim, VANYTECH_DEMO } from './vanytech';

export const vanytechDemo: DemoPlatform = {
	key: 'vanytech',
	title: 'Vanytech Message Center',
	port: 18101,
	create: () => createVanytechSim(),
	credentials: (url) => [
		{
			id: 'cnmsgVanytech01',
			name: 'Vanytech Message Center (simulator)',
			type: 'vanytechMessageCenterApi',
			data: { baseUrl: url, appId: VANYTECH_DEMO.appId, appPassword: VANYTECH_DEMO.appPassword, exchangeMethod: 'POST' },
		},
	],
};
