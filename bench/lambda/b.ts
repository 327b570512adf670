// Handler b: a streamed Bedrock answer through aws-ai/generative.
import { Generative } from 'aws-ai/generative';
import { config, type Event } from './env';

const generative = new Generative(config);

export const handler = async (event: Event) => {
  let text = '';
  for await (const chunk of generative.stream({
    model: 'amazon.nova-lite-v1:0',
    prompt: event.body,
  }).textStream)
    text += chunk;
  return text;
};
