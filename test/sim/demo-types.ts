import type { IDataObject } from 'n8n-workflow';
import type { SimServer } from './base';

export interface DemoCredential {
	id: string;
	name: string;
	type: string;
	data: IDataObject;
}

/**
 * What the demo (`npm run demo`) needs to know about one platform: how to start its simulator on
 * a fixed port, and the credential(s) the example workflows in examples/<key>-*.json refer to.
 */
export interface DemoPlatform {
	key: string;
	title: string;
	port: number;
	create(): SimServer;
	credentials(url: string): DemoCredential[];
}
