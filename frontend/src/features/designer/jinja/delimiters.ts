/**
 * A quick structural check of Jinja text, run on every keystroke of a field: unclosed or
 * mismatched `{{ }}`, `{% %}` and `{# #}`, unbalanced brackets or quotes inside a tag, and
 * block tags without their end (`{% if %}` without `{% endif %}`).
 *
 * It is not the Jinja parser (the core renders and checks expressions for real); it finds
 * the mistakes people make while typing, with a message that says where and what to add.
 * A stray `}}` in plain text is legal Jinja (it prints as is), so it is only a warning.
 */

export type JinjaIssue = {
  severity: 'error' | 'warning';
  message: string;
  /** 0-based offset in the text, and the 1-based line and column of it. */
  offset: number;
  line: number;
  column: number;
};

const OPENERS = { '{{': '}}', '{%': '%}', '{#': '#}' } as const;
type Opener = keyof typeof OPENERS;

const BLOCK_ENDS: Record<string, string> = {
  if: 'endif',
  for: 'endfor',
  macro: 'endmacro',
  call: 'endcall',
  filter: 'endfilter',
  with: 'endwith',
  block: 'endblock',
  autoescape: 'endautoescape',
  raw: 'endraw',
};
const MIDDLES: Record<string, string[]> = { elif: ['if'], else: ['if', 'for'] };

/** True when the text holds any Jinja delimiter (the field is a template, not a literal). */
export function hasJinja(text: string): boolean {
  return /\{\{|\{%|\{#/.test(text);
}

export function checkJinja(text: string): JinjaIssue[] {
  const issues: JinjaIssue[] = [];
  const at = (offset: number, severity: JinjaIssue['severity'], message: string) => {
    const { line, column } = lineColumn(text, offset);
    issues.push({ severity, message: `${message} (line ${line}, column ${column})`, offset, line, column });
  };
  const blocks: Array<{ name: string; offset: number }> = [];
  let i = 0;
  while (i < text.length) {
    const two = text.slice(i, i + 2);
    if (two === '}}' || two === '%}' || two === '#}') {
      at(i, 'warning', `“${two}” has no opening “${two === '}}' ? '{{' : two === '%}' ? '{%' : '{#'}”; it will print as text`);
      i += 2;
      continue;
    }
    if (!(two in OPENERS)) {
      i += 1;
      continue;
    }
    const opener = two as Opener;
    const closer = OPENERS[opener];
    const start = i;
    const body = scanTag(text, i + 2, opener);
    if (body.kind === 'unclosed') {
      at(start, 'error', `“${opener}” is not closed: add “${closer}”`);
      break;
    }
    if (body.kind === 'problem') {
      at(body.offset, 'error', body.message);
      break;
    }
    const inner = text.slice(start + 2, body.end).replace(/^-|-$/g, '').replace(/^\+|\+$/g, '').trim();
    if (opener === '{{' && inner === '') at(start, 'error', 'Empty expression “{{ }}”: write a value between the braces');
    if (opener === '{%') {
      const name = /^([A-Za-z_]\w*)/.exec(inner)?.[1] ?? '';
      if (name === '') at(start, 'error', 'Empty tag “{% %}”: write a statement such as “if …”');
      else trackBlock(name, inner, start, blocks, at);
      if (name === 'raw') {
        // Everything up to {% endraw %} is text.
        const end = /\{%-?\s*endraw\s*-?%\}/.exec(text.slice(body.end + 2));
        if (end === null) {
          at(start, 'error', '“{% raw %}” is not closed: add “{% endraw %}”');
          return issues;
        }
        blocks.pop();
        i = body.end + 2 + end.index + end[0].length;
        continue;
      }
    }
    i = body.end + 2;
  }
  for (const open of blocks.reverse()) {
    at(open.offset, 'error', `“{% ${open.name} %}” is not closed: add “{% ${BLOCK_ENDS[open.name]} %}”`);
  }
  return issues;
}

/** The first error, or the first warning, as one line for a field's inline message. */
export function firstIssue(text: string): JinjaIssue | null {
  const issues = checkJinja(text);
  return issues.find((x) => x.severity === 'error') ?? issues[0] ?? null;
}

type TagScan = { kind: 'closed'; end: number } | { kind: 'unclosed' } | { kind: 'problem'; offset: number; message: string };

/**
 * Reads a tag's body from `from` up to its closer, skipping string literals and nested
 * brackets (a dict literal's `}}` does not end a `{{`). `end` is the closer's offset.
 */
function scanTag(text: string, from: number, opener: Opener): TagScan {
  const closer = OPENERS[opener];
  if (opener === '{#') {
    const end = text.indexOf('#}', from);
    return end < 0 ? { kind: 'unclosed' } : { kind: 'closed', end };
  }
  const stack: Array<{ char: string; offset: number }> = [];
  const pairs: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
  let i = from;
  while (i < text.length) {
    const c = text[i];
    const two = text.slice(i, i + 2);
    if (stack.length === 0) {
      if (two === closer) return { kind: 'closed', end: i };
      const otherCloser = two === '}}' || two === '%}' ? two : null;
      if (otherCloser !== null) {
        return { kind: 'problem', offset: i, message: `“${opener}” is closed with “${otherCloser}”: use “${closer}”` };
      }
      if (two === '{{' || two === '{%') {
        return { kind: 'problem', offset: i, message: `“${two}” inside “${opener} … ${closer}”: close the first one with “${closer}” before` };
      }
    }
    const top = stack[stack.length - 1];
    if (top !== undefined && top.char !== '{' && two === closer) {
      return { kind: 'problem', offset: top.offset, message: `“${top.char}” is not closed: add “${pairs[top.char]}” before “${closer}”` };
    }
    if (c === '"' || c === "'") {
      const end = findStringEnd(text, i);
      if (end < 0) return { kind: 'problem', offset: i, message: `The string started here has no closing ${c}` };
      i = end + 1;
      continue;
    }
    if (c in pairs) stack.push({ char: c, offset: i });
    else if (c === ')' || c === ']' || c === '}') {
      const top = stack.pop();
      if (top === undefined) {
        return { kind: 'problem', offset: i, message: `“${c}” closes nothing inside “${opener} … ${closer}”` };
      }
      if (pairs[top.char] !== c) {
        return { kind: 'problem', offset: i, message: `“${c}” does not match “${top.char}”: expected “${pairs[top.char]}”` };
      }
    }
    i += 1;
  }
  const open = stack[stack.length - 1];
  if (open !== undefined) {
    return { kind: 'problem', offset: open.offset, message: `“${open.char}” is not closed: add “${pairs[open.char]}”` };
  }
  return { kind: 'unclosed' };
}

function findStringEnd(text: string, start: number): number {
  const quote = text[start];
  for (let i = start + 1; i < text.length; i += 1) {
    if (text[i] === '\\') i += 1;
    else if (text[i] === quote) return i;
  }
  return -1;
}

function trackBlock(
  name: string,
  inner: string,
  offset: number,
  blocks: Array<{ name: string; offset: number }>,
  at: (offset: number, severity: JinjaIssue['severity'], message: string) => void,
) {
  // `{% set x = 1 %}` is a statement; `{% set x %}…{% endset %}` is a block.
  if (name === 'set') {
    if (!inner.includes('=')) blocks.push({ name: 'set', offset });
    return;
  }
  if (name in BLOCK_ENDS) {
    blocks.push({ name, offset });
    return;
  }
  if (name in MIDDLES) {
    const top = blocks[blocks.length - 1];
    if (top === undefined || !MIDDLES[name].includes(top.name)) at(offset, 'error', `“{% ${name} %}” outside an “{% if %}”${name === 'else' ? ' or “{% for %}”' : ''}`);
    return;
  }
  if (name.startsWith('end')) {
    const opened = name === 'endset' ? 'set' : Object.keys(BLOCK_ENDS).find((k) => BLOCK_ENDS[k] === name);
    if (opened === undefined) return;
    const top = blocks[blocks.length - 1];
    if (top === undefined) {
      at(offset, 'error', `“{% ${name} %}” closes nothing: no “{% ${opened} %}” is open`);
    } else if (top.name !== opened) {
      const expected = top.name === 'set' ? 'endset' : BLOCK_ENDS[top.name];
      at(offset, 'error', `“{% ${name} %}” found where “{% ${expected} %}” was expected`);
      blocks.pop();
    } else {
      blocks.pop();
    }
  }
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i += 1) {
    if (text[i] === '\n') {
      line += 1;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
