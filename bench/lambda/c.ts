// Handler c: the root entry, one module used.
import { AwsAI } from 'aws-ai';
import { config, type Event } from './env';

const ai = new AwsAI(config);

export const handler = async (event: Event) => (await ai.text.detectLanguage(event.body)).language;
