import { describe, expect, it } from 'vitest';

import type { PlaybookSummary } from '../../ipc';
import { filterPlaybooks } from './filterPlaybooks';

function playbook(id: string, name: string, description: string): PlaybookSummary {
  return { id, name, description, tags: [], node_count: 0, version: 1, updated_at: '2025-01-01T00:00:00Z', remote_uuid: null };
}

const all = [
  playbook('1', 'Phishing triage', 'Enrich reported e-mails'),
  playbook('2', 'Malware containment', 'Isolate the host'),
  playbook('3', 'Réponse incident', 'Escalate to the on-call analyst'),
];

const ids = (list: PlaybookSummary[]) => list.map((p) => p.id);

describe('filterPlaybooks', () => {
  it('keeps everything for a blank query', () => {
    expect(ids(filterPlaybooks(all, '   '))).toEqual(['1', '2', '3']);
  });

  it('matches name or description, ignoring case', () => {
    expect(ids(filterPlaybooks(all, 'MALWARE'))).toEqual(['2']);
    expect(ids(filterPlaybooks(all, 'host'))).toEqual(['2']);
  });

  it('needs every word to match, in any order', () => {
    expect(ids(filterPlaybooks(all, 'host malware'))).toEqual(['2']);
    expect(ids(filterPlaybooks(all, 'host phishing'))).toEqual([]);
  });

  it('ignores accents', () => {
    expect(ids(filterPlaybooks(all, 'reponse'))).toEqual(['3']);
  });
});
