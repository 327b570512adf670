/** A few real Polly voices, enough for voice pickers and engine filters. */
export const VOICES = [
  // Long-form US English voices are Danielle, Gregory and Ruth (Polly's voice list), not Joanna.
  voice('Joanna', 'Female', 'en-US', 'US English', ['standard', 'neural', 'generative']),
  voice('Matthew', 'Male', 'en-US', 'US English', ['standard', 'neural', 'generative']),
  voice('Amy', 'Female', 'en-GB', 'British English', ['standard', 'neural', 'generative']),
  voice('Lucia', 'Female', 'es-ES', 'Castilian Spanish', ['standard', 'neural']),
  voice('Lea', 'Female', 'fr-FR', 'French', ['standard', 'neural', 'generative']),
  voice('Vicki', 'Female', 'de-DE', 'German', ['standard', 'neural', 'generative']),
  voice('Takumi', 'Male', 'ja-JP', 'Japanese', ['standard', 'neural']),
  voice('Zhiyu', 'Female', 'cmn-CN', 'Chinese Mandarin', ['standard', 'neural']),
  voice('Ivy', 'Female', 'en-US', 'US English', ['standard', 'neural']),
  voice('Kevin', 'Male', 'en-US', 'US English', ['neural']),
  voice('Danielle', 'Female', 'en-US', 'US English', ['neural', 'long-form']),
  voice('Gregory', 'Male', 'en-US', 'US English', ['neural', 'long-form']),
  voice('Ruth', 'Female', 'en-US', 'US English', ['neural', 'long-form', 'generative']),
  {
    ...voice('Aditi', 'Female', 'hi-IN', 'Hindi', ['standard']),
    AdditionalLanguageCodes: ['en-IN'],
  },
] as const;

function voice(
  Id: string,
  Gender: string,
  LanguageCode: string,
  LanguageName: string,
  SupportedEngines: readonly string[],
) {
  return { Id, Name: Id, Gender, LanguageCode, LanguageName, SupportedEngines };
}
