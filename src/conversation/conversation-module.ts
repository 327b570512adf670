import { ServiceModule } from '../core/service-module';
import { type BotSession, LexBotSession } from './bot-session';
import type { BotRef, BotSessionOptions } from './types';
import { checkBotRef, checkSessionId } from './validate';

/**
 * Conversations with Amazon Lex V2 bots (Lex V2 Runtime): text and audio turns with typed intents
 * and slots (the answer's audio as bytes or a stream), live conversations of audio, text and DTMF
 * over StartConversation, the session's state, and the gzip+base64 headers of audio turns handled
 * for you.
 * Available as `ai.conversation`, or alone from `aws-ai/conversation`.
 *
 * @example
 * ```ts
 * import { Conversation } from 'aws-ai/conversation';
 * const lex = new Conversation({ region: 'us-east-1' });
 * export const handler = async (event: { userId: string; text: string }) => {
 *   const bot = lex.bot({ botId: 'AB12CD34EF', botAliasId: 'TSTALIASID', localeId: 'en_US' },
 *     { sessionId: event.userId });
 *   const turn = await bot.send(event.text);
 *   return { reply: turn.text, intent: turn.intent?.name, slots: turn.intent?.slots };
 * };
 * ```
 */
export class Conversation extends ServiceModule {
  /**
   * A session with a bot: no request is made until its first turn. The session id is generated
   * when you give none; pass a stable one (the user's id) to continue a conversation later.
   *
   * @throws ValidationError for a bot id that is not 10 letters and digits, an empty alias or
   *   locale, or a session id outside Lex's pattern (2–100 of `[0-9a-zA-Z._:-]`)
   * @example
   * ```ts
   * const bot = ai.conversation.bot({ botId: 'AB12CD34EF', botAliasId: 'TSTALIASID', localeId: 'en_US' });
   * const turn = await bot.send('I want to order a pizza');
   * turn.dialogAction; // { type: 'ElicitSlot', slotToElicit: 'size' }
   * for await (const event of bot.converse([{ text: 'large' }, { dtmf: '2#' }])) {
   *   if (event.type === 'text') console.log(event.text);
   * }
   * ```
   */
  bot(ref: BotRef, options: BotSessionOptions = {}): BotSession {
    const bot = checkBotRef(ref);
    const sessionId = checkSessionId(options?.sessionId);
    return new LexBotSession(this.ctx, (site, o, fn) => this.call(site, o, fn), bot, sessionId);
  }
}
