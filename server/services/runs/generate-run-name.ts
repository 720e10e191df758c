import { randomInt } from 'node:crypto';

// Our own short word lists; the shape "adjective-noun-NNN" is what MLflow users are used to.
const ADJECTIVES = [
  'amber', 'brave', 'calm', 'clever', 'crisp', 'daring', 'eager', 'fancy', 'gentle', 'glossy', 'golden', 'happy',
  'humble', 'jolly', 'keen', 'lively', 'lucky', 'mellow', 'merry', 'nimble', 'polite', 'proud', 'quiet', 'rapid',
  'rustic', 'shiny', 'silent', 'smooth', 'sunny', 'swift', 'tidy', 'vivid', 'warm', 'wise', 'witty', 'zesty',
];
const NOUNS = [
  'badger', 'beacon', 'bison', 'canyon', 'comet', 'cricket', 'dolphin', 'falcon', 'fern', 'finch', 'glacier', 'harbor',
  'heron', 'lantern', 'lynx', 'maple', 'meadow', 'otter', 'owl', 'panda', 'pebble', 'pine', 'quartz', 'raven',
  'river', 'robin', 'salmon', 'sparrow', 'summit', 'thistle', 'tiger', 'tulip', 'walrus', 'willow', 'wren', 'yak',
];

export function generateRunName(): string {
  const pick = (list: string[]) => list[randomInt(list.length)];
  return `${pick(ADJECTIVES)}-${pick(NOUNS)}-${randomInt(1000)}`;
}
