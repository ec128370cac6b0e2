/**
 * The lists' search rule: every word of the query must appear in the text, case and
 * accents ignored ("urgént ALERT" finds "Urgent alerts").
 */

function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** A matcher for `query`; an empty query matches everything. */
export function wordMatcher(query: string): (text: string) => boolean {
  const words = fold(query).split(/\s+/).filter((w) => w !== '');
  return (text) => {
    if (words.length === 0) return true;
    const folded = fold(text);
    return words.every((w) => folded.includes(w));
  };
}
