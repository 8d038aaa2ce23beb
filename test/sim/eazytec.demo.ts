import type { DemoPlatform } from './demo-types';
import { createEazytecSim, EAZYTEC_DEMO, EAZYTEC_TOKEN_API_V2_PATH } from './eazytec';

/**
 * The simulator plays both the authorize host and the gateway, so the demo credential uses the
 * Custom environment: Base URL on the simulator, /AGCS_zqc prefix, and the default flow (Client ID
 * and Secret, token API) with its Token URL on the simulator.
 */
export const eazytecDemo: DemoPlatform = {
	key: 'eazytec',
	title: 'Eazytec ZQT',
	port: 18104,
	create: () => createEazytecSim(),
	credentials: (url) => [
		{
			id: 'cnmsgEazytec01',
			name: 'Eazytec ZQT (simulator)',
			type: 'eazytecZqtApi',
			data: {
				environment: 'custom',
				baseUrl: url,
				pathPrefix: 'agcs',
				authentication: 'tokenApi',
				side: 'government',
				clientId: EAZYTEC_DEMO.clientId,
				clientSecret: EAZYTEC_DEMO.clientSecret,
				tokenUrl: `${url}${EAZYTEC_TOKEN_API_V2_PATH}`,
			},
		},
	],
};
