// Raw twin of handlers a and c: the bare-bones Comprehend client and one command.
import { ComprehendClient, DetectDominantLanguageCommand } from '@aws-sdk/client-comprehend';
import { config, type Event } from './env';

const comprehend = new ComprehendClient(config);

export const handler = async (event: Event) => {
  const out = await comprehend.send(new DetectDominantLanguageCommand({ Text: event.body }));
  return out.Languages?.[0]?.LanguageCode;
};
