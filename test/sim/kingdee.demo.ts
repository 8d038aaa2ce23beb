import type { DemoPlatform } from './demo-types';
import { createKingdeeSim, KINGDEE_DEMO } from './kingdee';

/**
 * The simulator plays the Kingdee gateway (api.kingdee.com): the demo credential uses the Outer
 * Instance ID authorization, so n8n learns the App Key, App Secret and domain itself.
 */
export const kingdeeDemo: DemoPlatform = {
	key: 'kingdee',
	title: 'Kingdee JDY',
	port: 18102,
	create: () => createKingdeeSim(),
	credentials: (url) => [
		{
			id: 'cnmsgKingdee01',
			name: 'Kingdee JDY (simulator)',
			type: 'kingdeeJdyApi',
			data: {
				baseUrl: url,
				clientId: KINGDEE_DEMO.clientId,
				clientSecret: KINGDEE_DEMO.clientSecret,
				authorization: 'instance',
				outerInstanceId: KINGDEE_DEMO.outerInstanceId,
				uid: '',
			},
		},
	],
};
