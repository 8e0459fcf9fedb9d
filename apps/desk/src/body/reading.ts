import type { Block } from './convert.js';
import { parseInline } from './inline.js';

/** Words a reader gets through in a minute, for the reading time (a common newsroom figure). */
export const WORDS_PER_MINUTE = 230;

/** Words in a body as readers see it: the text of every text block, list item, quote attribution and caption, without mark syntax. */
export function wordCount(blocks: readonly Block[]): number {
  return blocks.reduce((sum, block) => sum + readable(block).reduce((words, text) => words + countWords(text), 0), 0);
}

/** Whole minutes to read a body, at least 1 when it has any words (0 for none). */
export function readingMinutes(words: number): number {
  return words === 0 ? 0 : Math.max(1, Math.round(words / WORDS_PER_MINUTE));
}

/** "412 words · 2 min read". */
export function readingLabel(blocks: readonly Block[]): string {
  const words = wordCount(blocks);
  const minutes = readingMinutes(words);
  return `${words} ${words === 1 ? 'word' : 'words'} · ${minutes} min read`;
}

function readable(block: Block): string[] {
  const plain = (text: string) =>
    parseInline(text)
      .map((run) => run.text)
      .join('');
  switch (block.type) {
    case 'paragraph':
      return [plain(block.text)];
    case 'heading':
      return [block.text];
    case 'quote':
      return [plain(block.text), block.attribution ?? ''];
    case 'list':
      return block.items.map(plain);
    case 'image':
      return [block.caption ?? ''];
    default:
      return [];
  }
}

function countWords(text: string): number {
  // A word: a run of letters or digits, with apostrophes and hyphens inside it ("don't", "well-known", "2024").
  return text.match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu)?.length ?? 0;
}
