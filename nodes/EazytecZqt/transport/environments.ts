/**
 * The gateways of the Eazytec 卓易政企通 document ("domain说明") and the authorize hosts of the
 * public "TNG 基础接口" page, as one pure mapping: environment -> gateway (with or without the
 * /AGCS_zqc prefix) and authorize host. The routes themselves are ROUTES in ./index.ts. Shared by
 * the credential (preAuthentication, authenticate) and the tests.
 */
import { ROUTES } from './index';

/** The prefix every documented route carries, except on the 安可 gateway. */
export const AGCS_PREFIX = '/AGCS_zqc';

export type EazytecSide = 'government' | 'enterprise';

export interface EazytecEnvironment {
	/** Option label in the credential. */
	name: string;
	/** Gateway base address, as the document lists it (region suffix included). */
	baseUrl: string;
	/** '/AGCS_zqc', or '' where the document says routes drop it (安可). */
	prefix: string;
	/** Authorize host per side; missing where no host is documented (then a Token URL is needed). */
	authorize: Partial<Record<EazytecSide, string>>;
	description: string;
}

const HOSTED = (test: boolean, region: '' | 'yxzqt' | 'jszqt') => {
	const t = test ? 'test-' : '';
	const r = region ? `-${region}` : '';
	return {
		enterprise: `https://${t}authorize${r}.eazytec-cloud.com`,
		government: `https://${t}gov-authorize${r}.eazytec-cloud.com`,
	};
};

/** Every documented gateway, keyed by the credential's Environment value. */
export const EAZYTEC_ENVIRONMENTS: Record<string, EazytecEnvironment> = {
	zqtProduction: {
		name: '卓易政企通 Production',
		baseUrl: 'https://gateway.eazytec-cloud.com',
		prefix: AGCS_PREFIX,
		authorize: HOSTED(false, ''),
		description: 'For 园企通, 行业政企通, 乡镇政企通 and 协会政企通',
	},
	zqtTest: {
		name: '卓易政企通 Test',
		baseUrl: 'https://test-gateway.eazytec-cloud.com',
		prefix: AGCS_PREFIX,
		authorize: HOSTED(true, ''),
		description: 'Test gateway for 园企通, 行业政企通, 乡镇政企通 and 协会政企通',
	},
	yixingProduction: {
		name: '宜兴政企通 (Yixing) Production',
		baseUrl: 'https://gateway.eazytec-cloud.com/YX',
		prefix: AGCS_PREFIX,
		authorize: HOSTED(false, 'yxzqt'),
		description: 'For 宜兴政企通',
	},
	yixingTest: {
		name: '宜兴政企通 (Yixing) Test',
		baseUrl: 'https://test-gateway.eazytec-cloud.com/YX',
		prefix: AGCS_PREFIX,
		authorize: HOSTED(true, 'yxzqt'),
		description: 'Test gateway for 宜兴政企通',
	},
	yixingIntranetGov: {
		name: '宜兴政企通 (Yixing) Government Intranet (政务外网)',
		baseUrl: 'http://2.18.243.11:8000/YX',
		prefix: AGCS_PREFIX,
		authorize: { government: 'http://2.18.243.11:30084' },
		description: 'Production over the government extranet (政务外网); only reachable from inside it',
	},
	yixingIntranetVpn: {
		name: '宜兴政企通 (Yixing) Government Intranet (VPN)',
		baseUrl: 'http://10.36.12.1:8000/YX',
		prefix: AGCS_PREFIX,
		authorize: { government: 'http://10.168.37.14:30084' },
		description: 'Production over the Yixing VPN; only reachable from inside it',
	},
	jiangsuProduction: {
		name: '江苏政企通 (Jiangsu) Production',
		baseUrl: 'https://gateway.eazytec-cloud.com/JS',
		prefix: AGCS_PREFIX,
		authorize: HOSTED(false, 'jszqt'),
		description: 'For 江苏政企通',
	},
	jiangsuTest: {
		name: '江苏政企通 (Jiangsu) Test',
		baseUrl: 'https://test-gateway.eazytec-cloud.com/JS',
		prefix: AGCS_PREFIX,
		authorize: HOSTED(true, 'jszqt'),
		description: 'Test gateway for 江苏政企通',
	},
	ankeTest: {
		name: '安可 (Anke) Test',
		baseUrl: 'http://192.168.16.163:8091',
		prefix: '',
		authorize: {},
		description: 'The 安可 test gateway: routes drop /AGCS_zqc; no token server is documented (ask Eazytec)',
	},
};

export const CUSTOM_ENVIRONMENT = 'custom';
export const DEFAULT_ENVIRONMENT = 'zqtProduction';

export interface ResolvedEnvironment {
	/** Gateway base address, no trailing slash. */
	baseUrl: string;
	/** '/AGCS_zqc' or ''. */
	prefix: string;
	/** baseUrl + prefix: what the credential sets as the request's baseURL. */
	apiRoot: string;
	/** The full send address (apiRoot + the send route). */
	sendUrl: string;
	/** The authorize host for the chosen side, if documented. */
	authorizeHost?: string;
	/** The token URL: the one given, else authorize host + the flow's token route, else undefined. */
	tokenUrl?: string;
}

export interface EnvironmentInput {
	environment?: unknown;
	baseUrl?: unknown;
	/** 'agcs' (with /AGCS_zqc) or 'none'; only for the custom environment. */
	pathPrefix?: unknown;
	side?: unknown;
	tokenUrl?: unknown;
	/** 'tokenApi' (default), 'clientCredentials' or 'accessToken': which token route the default Token URL ends in. */
	authentication?: unknown;
}

const trimSlash = (s: string) => s.trim().replace(/\/+$/, '');

/** Environment -> gateway, prefix, send URL, authorize host and token URL. */
export function resolveEnvironment(input: EnvironmentInput): ResolvedEnvironment {
	const key = typeof input.environment === 'string' && input.environment ? input.environment : DEFAULT_ENVIRONMENT;
	const side: EazytecSide = input.side === 'enterprise' ? 'enterprise' : 'government';
	let baseUrl: string;
	let prefix: string;
	let authorizeHost: string | undefined;
	if (key === CUSTOM_ENVIRONMENT) {
		baseUrl = trimSlash(String(input.baseUrl ?? ''));
		prefix = input.pathPrefix === 'none' ? '' : AGCS_PREFIX;
	} else {
		const env = EAZYTEC_ENVIRONMENTS[key];
		if (!env) throw new Error(`Unknown Eazytec environment "${key}"`);
		baseUrl = env.baseUrl;
		prefix = env.prefix;
		authorizeHost = env.authorize[side];
	}
	const given = trimSlash(String(input.tokenUrl ?? ''));
	const route = input.authentication === 'clientCredentials' ? ROUTES.token : ROUTES.tokenApi;
	const tokenUrl = given || (authorizeHost ? `${authorizeHost}${route.path}` : undefined);
	const apiRoot = `${baseUrl}${prefix}`;
	return { baseUrl, prefix, apiRoot, sendUrl: `${apiRoot}${ROUTES.send.path}`, authorizeHost, tokenUrl };
}
