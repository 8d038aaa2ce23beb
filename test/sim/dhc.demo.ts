import type { DemoPlatform } from './demo-types';
import { createDhcSim, DHC_DEMO } from './dhc';

export const dhcDemo: DemoPlatform = {
	key: 'dhc',
	title: 'DHC Message Platform',
	port: 18103,
	create: () => createDhcSim(),
	credentials: (url) => [
		{
			id: 'cnmsgDhc01',
			name: 'DHC Message Platform (simulator)',
			type: 'dhcMessagePlatformApi',
			data: { baseUrl: url, appId: DHC_DEMO.appId, ignoreSslIssues: false, headerName: '', headerSecret: '' },
		},
	],
};
