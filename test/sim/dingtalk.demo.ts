import type { DemoPlatform } from './demo-types';
import { createDingTalkSim, DINGTALK_DEMO } from './dingtalk';

export const dingtalkDemo: DemoPlatform = {
	key: 'dingtalk',
	title: 'DingTalk',
	port: 18105,
	create: () => createDingTalkSim(),
	credentials: (url) => [
		{
			id: 'cnmsgDingTalk01',
			name: 'DingTalk (simulator)',
			type: 'dingTalkApi',
			data: { baseUrl: url, appKey: DINGTALK_DEMO.appKey, appSecret: DINGTALK_DEMO.appSecret },
		},
	],
};
