// Raw twin of handler b: the bare-bones Bedrock Runtime client and ConverseStream.
import { BedrockRuntimeClient, ConverseStreamCommand } from '@aws-sdk/client-bedrock-runtime';
import { config, type Event } from './env';

const bedrock = new BedrockRuntimeClient(config);

export const handler = async (event: Event) => {
  const out = await bedrock.send(
    new ConverseStreamCommand({
      modelId: 'amazon.nova-lite-v1:0',
      messages: [{ role: 'user', content: [{ text: event.body }] }],
    }),
  );
  let text = '';
  for await (const event of out.stream ?? []) text += event.contentBlockDelta?.delta?.text ?? '';
  return text;
};
