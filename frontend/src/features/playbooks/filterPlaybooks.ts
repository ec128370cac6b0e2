import type { PlaybookSummary } from '../../ipc';

/**
 * The playbooks whose name or description contains every word of `query`, ignoring case
 * and accents, in their original order. A blank query keeps everything.
 */
export function filterPlaybooks(
  playbooks: readonly PlaybookSummary[],
  query: string,
): PlaybookSummary[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...playbooks];
  return playbooks.filter((playbook) => {
    const haystack = fold(`${playbook.name}\n${playbook.description}`);
    return words.every((word) => haystack.includes(word));
  });
}

function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}
