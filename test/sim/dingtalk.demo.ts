import type { DemoPlatform } from './demo-types';
import { createDingTalkSim, DINGTALK_DEMO } from './dingtalk';
import { DINGTALK_APPS_DEMO } from './dingtalk-apps';
import { DINGTALK_ROBOT_DEMO } from './dingtalk-robot';

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
			// Both hosts of DingTalk (oapi and the new APIs) are the one simulator.
			data: { baseUrl: url, apiBaseUrl: url, appKey: DINGTALK_DEMO.appKey, appSecret: DINGTALK_DEMO.appSecret },
		},
		{
			id: 'cnmsgDingTalkIsv1',
			name: 'DingTalk third-party app (simulator)',
			type: 'dingTalkApi',
			data: {
				appType: 'thirdParty',
				baseUrl: url,
				apiBaseUrl: url,
				suiteKey: DINGTALK_APPS_DEMO.suiteKey,
				suiteSecret: DINGTALK_APPS_DEMO.suiteSecret,
				suiteTicket: 'TestSuiteTicket',
				authCorpId: DINGTALK_APPS_DEMO.authCorpId,
			},
		},
		// The custom group robot with signing (examples/dingtalk-group-robot-send.json).
		{
			id: 'cnmsgDingTalkRobot01',
			name: 'DingTalk Group Robot (simulator)',
			type: 'dingTalkGroupRobotApi',
			data: { webhookToken: `${url}/robot/send?access_token=${DINGTALK_ROBOT_DEMO.token}`, secret: DINGTALK_ROBOT_DEMO.secret, baseUrl: url },
		},
	],
};
