/** A few words per target, so a translation is visibly different yet checkable. */
const WORDS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  fr: { hello: 'bonjour', thanks: 'merci', world: 'monde', good: 'bon', cat: 'chat', yes: 'oui' },
  de: { hello: 'hallo', thanks: 'danke', world: 'Welt', good: 'gut', cat: 'Katze', yes: 'ja' },
  es: { hello: 'hola', thanks: 'gracias', world: 'mundo', good: 'bueno', cat: 'gato', yes: 'sí' },
  en: { bonjour: 'hello', merci: 'thanks', hola: 'hello', gracias: 'thanks', monde: 'world' },
};

/**
 * Swaps the words of a small per-target dictionary (keeping a leading capital) and leaves every
 * other character as it is; the answer is trimmed, as Translate drops outer whitespace.
 */
export function cannedTranslation(text: string, target: string): string {
  const words = WORDS[target] ?? {};
  return text
    .replace(/\p{L}+/gu, (word) => {
      const swap = words[word.toLowerCase()];
      if (swap === undefined) return word;
      return /^\p{Lu}/u.test(word) ? swap.charAt(0).toUpperCase() + swap.slice(1) : swap;
    })
    .trim();
}
