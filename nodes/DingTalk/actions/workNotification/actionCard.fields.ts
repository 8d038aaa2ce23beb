/** The fields of an action card (msgtype "action_card"): one link for the whole card, or buttons. */
import type { INodeProperties } from 'n8n-workflow';
import { choiceField, requiredText, textField } from '../../../common/properties';
import { BUTTON_ORIENTATIONS, buttonsField, CARD_STYLES } from '../fields';
import { whenType } from './msg.fields';

const card = whenType(['action_card']);
const single = whenType(['action_card'], { cardStyle: ['single'] });
const buttons = whenType(['action_card'], { cardStyle: ['buttons'] });

export const actionCardFields: INodeProperties[] = [
	textField('Title', 'cardTitle', { displayOptions: card, description: 'Shown in the conversation list and the notification' }),
	requiredText('Markdown', 'cardMarkdown', {
		typeOptions: { rows: 5 },
		displayOptions: card,
		description: 'The card text in Markdown (1000 characters recommended)',
	}),
	choiceField('Card Style', 'cardStyle', CARD_STYLES, 'single', { displayOptions: card }),
	requiredText('Button Title', 'cardSingleTitle', { displayOptions: single, description: 'At most 20 characters, e.g. 查看详情' }),
	requiredText('Button URL', 'cardSingleUrl', { displayOptions: single, description: 'At most 500 characters' }),
	choiceField('Button Orientation', 'cardButtonOrientation', BUTTON_ORIENTATIONS, '0', { displayOptions: buttons }),
	buttonsField('cardButtons', 'actionUrl', { displayOptions: buttons }, { description: 'At most 20 characters' }, { description: 'At most 700 characters' }),
];
