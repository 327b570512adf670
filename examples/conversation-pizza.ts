/**
 * An order-pizza chat with an Amazon Lex V2 bot: the bot elicits its slots one by one, confirms and
 * closes; then one voice turn from a WAV file with the spoken answer as audio, the same turn with
 * the answer streamed, and a live conversation (StartConversation) mixing text and speech (a
 * `{ dtmf: '42#' }` item sends phone keys the same way). Runs against the emulator, which plays a
 * scripted bot (no AWS account needed):
 *
 *   npx tsx examples/conversation-pizza.ts
 *
 * The answers are emulated: a scripted bot, not a trained Lex model; the emulator hears the voice
 * turn through the script's `hear` (it does no speech recognition).
 */

import { AwsAI } from 'aws-ai';
import { startEmulator } from 'aws-ai/testing';

const emulator = await startEmulator();
emulator.bot('PIZZABOT01', {
  intents: [
    {
      name: 'OrderPizza',
      utterances: ['I want to order a pizza', 'order a {size} pizza'],
      slots: [
        { name: 'size', prompt: 'What size?', values: ['small', 'medium', 'large'] },
        {
          name: 'toppings',
          prompt: 'Which toppings?',
          values: ['cheese', 'mushrooms', 'olives'],
          list: true,
        },
      ],
      confirm: 'A {size} pizza, shall I order it?',
      fulfilled: 'Your {size} pizza is on its way.',
    },
    { name: 'CheckOrder', utterances: ['where is my order'], fulfilled: 'It is in the oven.' },
  ],
  // Live conversations send 8 kHz audio; single voice turns 16 kHz.
  hear: (_audio, contentType) =>
    contentType.includes('8000') ? 'large please' : 'where is my order',
});

const ai = new AwsAI(emulator.config);
try {
  console.log('Emulated answers (not real AWS):\n');
  const bot = ai.conversation.bot(
    { botId: 'PIZZABOT01', botAliasId: 'TSTALIASID', localeId: 'en_US' },
    { sessionId: 'demo-user' },
  );
  for (const said of ['I want to order a pizza', 'large please', 'mushrooms and olives', 'yes']) {
    const turn = await bot.send(said);
    const slots = Object.entries(turn.intent?.slots ?? {})
      .map(
        ([name, slot]) =>
          `${name}=${slot ? (slot.values?.map((v) => v.value).join('+') ?? slot.value) : '…'}`,
      )
      .join(' ');
    console.log(
      `user: ${said}\nbot:  ${turn.text}   [${turn.dialogAction?.type} ${turn.intent?.state} ${slots}]\n`,
    );
  }

  // A voice turn: a WAV file in (16-bit PCM mono, unwrapped for Lex), 16 kHz PCM out.
  const samples = Buffer.alloc(16_000); // half a second of silence at 16 kHz
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + samples.byteLength, 4);
  header.write('WAVEfmt ', 8);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(16_000, 24);
  header.writeUInt32LE(32_000, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(samples.byteLength, 40);
  const voice = await ai.conversation
    .bot({ botId: 'PIZZABOT01', botAliasId: 'TSTALIASID', localeId: 'en_US' })
    .say(Buffer.concat([header, samples]), { responseContentType: 'pcm' });
  console.log(
    `voice: heard "${voice.inputTranscript}" → "${voice.text}" (${voice.audio?.byteLength} bytes of ${voice.contentType})`,
  );

  // The same voice turn with the answer streamed: the typed turn first, then the audio as it comes.
  const streamed = await ai.conversation
    .bot({ botId: 'PIZZABOT01', botAliasId: 'TSTALIASID', localeId: 'en_US' })
    .sayStream(Buffer.concat([header, samples]), { responseContentType: 'mpeg' });
  let streamedBytes = 0;
  for await (const chunk of streamed.audio) streamedBytes += chunk.byteLength;
  console.log(
    `streamed voice: "${streamed.text}" (${streamedBytes} bytes of ${streamed.contentType} relayed as they came)\n`,
  );

  // A live conversation over StartConversation: text, then speech (8 kHz PCM: a tone, then the
  // silence that ends the utterance), then text again, each sent when the bot's answer is done.
  const tone = Buffer.alloc(4_800);
  for (let i = 0; i < tone.length; i += 2) tone.writeInt16LE(i % 4 === 0 ? 6_000 : -6_000, i);
  const speech = new Uint8Array(Buffer.concat([tone, Buffer.alloc(9_600)]));
  const turns: Array<{ text: string } | { dtmf: string } | Uint8Array> = [
    { text: 'I want to order a pizza' },
    speech,
    { text: 'cheese' },
    { text: 'yes' },
  ];
  let wake: (() => void) | undefined;
  let answered = 0;
  async function* userTurns() {
    for (const [i, item] of turns.entries()) {
      // Wait for the bot's answer to the previous turn.
      while (answered < i) await new Promise<void>((resolve) => (wake = resolve));
      console.log(
        `user: ${item instanceof Uint8Array ? `(${item.byteLength} bytes of speech)` : 'text' in item ? item.text : `keys ${item.dtmf}`}`,
      );
      yield item;
    }
  }
  const live = ai.conversation
    .bot({ botId: 'PIZZABOT01', botAliasId: 'TSTALIASID', localeId: 'en_US' })
    .converse(userTurns(), { responseContentType: 'pcm' });
  let audioBytes = 0;
  for await (const event of live) {
    if (event.type === 'transcript') console.log(`      (Lex heard "${event.transcript}")`);
    if (event.type === 'intent') {
      console.log(
        `      [${event.dialogAction?.type} ${event.intent?.name} ${event.intent?.state}]`,
      );
    }
    if (event.type === 'text') console.log(`bot:  ${event.text}`);
    if (event.type === 'audio') audioBytes += event.audio.byteLength;
    if (event.type === 'audio-end') {
      console.log(`      (${audioBytes} bytes of spoken answer)`);
      audioBytes = 0;
      answered += 1;
      wake?.();
    }
  }
} finally {
  await emulator.close();
}
