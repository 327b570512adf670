/**
 * A small storefront on Amazon Personalize: what to show a user, what is like the item on screen,
 * and the user's order of the items of a page, with a genre filter whose values aws-ai encodes.
 * Runs against the emulator, which loads the catalog and the interaction history first (no AWS
 * account needed):
 *
 *   npx tsx examples/recommendations.ts
 *
 * The answers are emulated: popularity and co-occurrence, not a trained Personalize solution.
 */

import { AwsAI, ValidationError } from 'aws-ai';
import { startEmulator } from 'aws-ai/testing';

const arn = (resource: string) => `arn:aws:personalize:us-east-1:123456789012:${resource}`;
const campaign = arn('campaign/movies');
const similar = arn('campaign/similar-movies');
const ranking = arn('campaign/movie-ranking');
const genreFilter = arn('filter/genre');

const emulator = await startEmulator();
const data = {
  items: [
    { itemId: 'heat', GENRES: 'Action|Crime' },
    { itemId: 'amelie', GENRES: 'Comedy|Romance' },
    { itemId: 'alien', GENRES: 'Horror|SciFi' },
    { itemId: 'up', GENRES: 'Animation|Comedy' },
    { itemId: 'arrival', GENRES: 'SciFi|Drama' },
  ],
  interactions: [
    { userId: 'ana', itemId: 'alien' },
    { userId: 'bo', itemId: 'alien' },
    { userId: 'bo', itemId: 'arrival' },
    { userId: 'cy', itemId: 'up' },
    { userId: 'cy', itemId: 'amelie' },
    { userId: 'di', itemId: 'alien' },
    { userId: 'di', itemId: 'arrival' },
  ],
};
for (const name of [campaign, similar, ranking]) emulator.personalize(name, data);

const ai = new AwsAI(emulator.config);
try {
  console.log('Emulated answers (not real AWS):');

  const forAna = await ai.recommendations.forUser(campaign, { userId: 'ana', numResults: 3 });
  console.log('\nFor ana:', forAna.items.map((i) => `${i.itemId} (${i.score})`).join(', '));

  // Sent as filterValues { GENRES: '"Comedy","Animation"' }.
  const comedies = await ai.recommendations.forUser(campaign, {
    userId: 'ana',
    filter: { arn: genreFilter, values: { GENRES: ['Comedy', 'Animation'] } },
  });
  console.log('Comedies for ana:', comedies.items.map((i) => i.itemId).join(', '));

  const like = await ai.recommendations.forItem(similar, { itemId: 'alien', numResults: 2 });
  console.log('Like alien:', like.items.map((i) => i.itemId).join(', '));

  // The page's order stays yours; each item carries its rank.
  const page = ['up', 'heat', 'arrival', 'a-new-release'];
  const { items } = await ai.recommendations.rank(ranking, { userId: 'ana', items: page });
  console.log('\nRanked for ana (page order, rank):');
  for (const i of items) console.log(`  ${i.itemId.padEnd(14)} rank ${i.rank}`);

  // Limits are checked before the call.
  try {
    await ai.recommendations.rank(ranking, {
      userId: 'ana',
      items: Array.from({ length: 501 }, (_, k) => `m${k}`),
    });
  } catch (err) {
    if (err instanceof ValidationError) console.log(`\n501 items: ${err.message}`);
    else throw err;
  }
} finally {
  await emulator.close();
}
