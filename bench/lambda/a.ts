// Handler a: language detection through the per-operation function (decision 0701).
import { createTextClient, detectLanguage } from 'aws-ai/text';
import { config, type Event } from './env';

const text = createTextClient(config);

export const handler = async (event: Event) => (await detectLanguage(text, event.body)).language;
