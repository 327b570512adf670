// Handler a, written with the Text class as the issue measured it: the class reaches Translate and
// S3 (translation, jobs), so a bundle of it carries them.
import { Text } from 'aws-ai/text';
import { config, type Event } from './env';

const text = new Text(config);

export const handler = async (event: Event) => (await text.detectLanguage(event.body)).language;
