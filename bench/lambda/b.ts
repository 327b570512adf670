// Handler b: a streamed Bedrock answer through aws-ai/generative.
import { createGenerativeClient, stream } from 'aws-ai/generative';
import { config, type Event } from './env';

const generative = createGenerativeClient(config);

export const handler = async (event: Event) => {
  let text = '';
  for await (const chunk of stream(generative, {
    model: 'amazon.nova-lite-v1:0',
    prompt: event.body,
  }).textStream)
    text += chunk;
  return text;
};
