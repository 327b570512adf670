// The operation code behind `Text`, loaded on first call so that importing the module stays cheap.

export { settleItems as settle } from '../core/item-results';
export { classify, customEntities } from './custom';
export { classifyDocument, documentEntities } from './custom-document';
export { detectLanguageMany, detectLanguageOne } from './detect-language';
export { startDetectionJob } from './detection-jobs';
export { entities } from './entities';
export { keyPhrases } from './key-phrases';
export { pii, redactPii } from './pii';
export { sentiment } from './sentiment';
export { syntax } from './syntax';
export { targetedSentiment } from './targeted-sentiment';
export { importTerminology, listTerminologies } from './terminology';
export { toxicity } from './toxicity';
export { translate } from './translate';
export { translateDocument } from './translate-document';
export { startTranslationJob } from './translation-jobs';
