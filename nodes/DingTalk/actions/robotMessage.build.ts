/**
 * Builds a robot message from the node's fields (robotMessage.fields.ts) or its JSON, puts the
 * mentioned people into the text, and checks shape and size (robotMessage.ts) before anything is sent.
 */
import type { IDataObject } from 'n8n-workflow';
import type { ItemFields } from '../../common/validation';
import { ROBOT_MAX_BYTES } from '../transport/robot';
import { MAX_MENTIONS, ROBOT_MSG_TYPES, robotMessageBytes, robotMessageProblem, withMentionsInText } from './robotMessage';
import type { RobotMsgType } from './robotMessage';
import { ROBOT_MESSAGE_INPUT } from './robotMessage.fields';

function mentionList(f: ItemFields, name: string, label: string): string[] {
	const list = [...new Set(f.list(f.param(name, ''), label))];
	for (const id of list) if (/\s/.test(id)) f.fail(label, `"${id}" contains a space`);
	return list;
}

function fromFields(f: ItemFields, type: RobotMsgType): IDataObject {
	const text = (name: string, label: string) => f.text(f.param(name), label, { required: true });
	switch (type) {
		case 'text':
		case 'markdown': {
			const atUserIds = mentionList(f, 'robotAtUserIds', 'Mention User IDs');
			const atMobiles = mentionList(f, 'robotAtMobiles', 'Mention Mobiles');
			if (atUserIds.length + atMobiles.length > MAX_MENTIONS) {
				f.fail('Mention User IDs', `mentions ${atUserIds.length + atMobiles.length} people with the mobiles; DingTalk allows at most ${MAX_MENTIONS} in one message`);
			}
			const isAtAll = f.yesNo(f.param('robotAtAll', false), 'Mention Everyone', false);
			const msg: IDataObject =
				type === 'text'
					? { msgtype: 'text', text: { content: text('robotContent', 'Content') } }
					: { msgtype: 'markdown', markdown: { title: text('robotTitle', 'Title'), text: text('robotText', 'Text') } };
			if (atUserIds.length || atMobiles.length || isAtAll) {
				const at: IDataObject = {};
				if (atMobiles.length) at.atMobiles = atMobiles;
				if (atUserIds.length) at.atUserIds = atUserIds;
				at.isAtAll = isAtAll;
				msg.at = at;
			}
			return msg;
		}
		case 'link': {
			const link: IDataObject = { title: text('robotTitle', 'Title'), text: text('robotText', 'Text'), messageUrl: text('robotMessageUrl', 'Message URL') };
			const picUrl = f.text(f.param('robotPicUrl', ''), 'Picture URL');
			if (picUrl) link.picUrl = picUrl;
			return { msgtype: 'link', link };
		}
		case 'actionCard': {
			const card: IDataObject = { title: text('robotTitle', 'Title'), text: text('robotText', 'Text') };
			if (f.oneOf(f.param('robotCardStyle', 'single'), 'Card Style', ['single', 'buttons'] as const) === 'single') {
				card.singleTitle = text('robotSingleTitle', 'Button Title');
				card.singleURL = text('robotSingleUrl', 'Button URL');
			} else {
				const btns = f.rows(f.param('robotButtons', {}), 'button').map((row, n) => ({
					title: f.text(row.title, `Buttons row ${n + 1} Title`, { required: true }),
					actionURL: f.text(row.actionUrl, `Buttons row ${n + 1} URL`, { required: true }),
				}));
				if (btns.length === 0) f.fail('Buttons', 'needs at least one button');
				card.btns = btns;
			}
			card.btnOrientation = f.oneOf(f.param('robotBtnOrientation', '0'), 'Button Orientation', ['0', '1'] as const);
			if (f.yesNo(f.param('robotHideAvatar', false), 'Hide Sender Avatar', false)) card.hideAvatar = '1';
			return { msgtype: 'actionCard', actionCard: card };
		}
		case 'feedCard': {
			const links = f.rows(f.param('robotLinks', {}), 'link').map((row, n) => ({
				title: f.text(row.title, `Links row ${n + 1} Title`, { required: true }),
				messageURL: f.text(row.messageUrl, `Links row ${n + 1} Message URL`, { required: true }),
				picURL: f.text(row.picUrl, `Links row ${n + 1} Picture URL`, { required: true }),
			}));
			if (links.length === 0) f.fail('Links', 'needs at least one link');
			return { msgtype: 'feedCard', feedCard: { links } };
		}
	}
}

/**
 * The message of an item, ready to send: shape checked, mentions in the text, within the size
 * limit (Options > Size Limit). Throws a field error before anything is sent.
 */
export function buildRobotMessage(f: ItemFields): IDataObject {
	const json = f.isJson(ROBOT_MESSAGE_INPUT);
	const label = json ? 'Message (JSON)' : 'Message';
	const raw = json
		? (f.json(f.param('robotMessageJson'), label, 'object') as IDataObject)
		: fromFields(f, f.oneOf(f.param('robotMessageType', 'text'), 'Message Type', ROBOT_MSG_TYPES));
	const problem = robotMessageProblem(raw);
	if (problem) f.fail(label, problem);
	const msg = withMentionsInText(raw);
	const limit = f.integer(f.param('options.sizeLimit', ROBOT_MAX_BYTES), 'Size Limit (Bytes)', { min: 1 });
	const bytes = robotMessageBytes(msg);
	if (bytes > limit) {
		f.fail(label, `is ${bytes} bytes long as JSON; DingTalk takes at most ${limit} bytes in one robot message`, 'Shorten it or split it over several messages (Options > Size Limit sets the limit the node checks).');
	}
	return msg;
}
