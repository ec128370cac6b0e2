/**
 * The CODE view's "Raw JSON" mode: the document as text on several lines (as the core wrote
 * it, or pretty-printed; see ./codeSession.ts), with line numbers, virtualized by line like the tree: the worker keeps the lines and sends the
 * ones in view, so a 50 MB document scrolls as fast as a small one and nothing is cut.
 *
 * Not here: copying the whole text (the header's "Copy CODE JSON", ./CodeView.tsx).
 */
import { useEffect, useRef, useState } from 'react';

import type { CodeClient } from './codeClient';
import { ROW_HEIGHT, contentHeight, rowTop, useViewport, visibleRange } from './virtual';

type Lines = { total: number; from: number; lines: string[] };

export function RawJsonView({ client, generation }: { client: CodeClient; generation: number }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const viewport = useViewport(scrollRef);
  const [lines, setLines] = useState<Lines>({ total: 0, from: 0, lines: [] });
  const [error, setError] = useState<string | null>(null);
  const sequence = useRef(0);
  const range = visibleRange(viewport.scrollTop, viewport.height, lines.total);

  useEffect(() => {
    const seq = ++sequence.current;
    client.ask({ type: 'raw', from: range.from, count: range.count }).then(
      (answer) => {
        if (seq !== sequence.current) return;
        setLines(answer);
        setError(null);
      },
      (e: unknown) => {
        if (seq === sequence.current) setError(e instanceof Error ? e.message : String(e));
      },
    );
  }, [client, generation, range.from, range.count]);

  const digits = String(Math.max(1, lines.total)).length;
  return (
    <div className="code-raw-frame">
      <p className="code-raw__note" data-field="code-raw-lines">
        {error ?? `${lines.total.toLocaleString('en-US')} lines of JSON (every line is here: scroll to read them).`}
      </p>
      <div ref={scrollRef} className="code-raw" onScroll={viewport.onScroll} data-total-lines={lines.total} aria-label="CODE JSON as text" tabIndex={0}>
        <div className="code-tree__content" style={{ height: contentHeight(lines.total, viewport.height) }}>
          {lines.lines.map((line, i) => {
            const index = lines.from + i;
            return (
              <div key={index} className="code-raw__line" style={{ top: rowTop(index, viewport.scrollTop, viewport.height, lines.total), height: ROW_HEIGHT }}>
                <span className="code-raw__number" style={{ width: `${digits}ch` }} aria-hidden="true">
                  {index + 1}
                </span>
                <span className="code-raw__text">{line}</span>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
