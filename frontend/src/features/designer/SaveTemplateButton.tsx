/**
 * The designer header's "Save as template…": asks the template's name, description and
 * tags, saves pending edits, then has the core write the playbook as a user template (its
 * configuration choices stripped) that the gallery lists beside the built-in ones.
 */
import { useId, useState } from 'react';

import { ActionError } from '../../components/ActionError';
import { BusyButton } from '../../components/BusyButton';
import { saveAsTemplate, toIpcError, type IpcError } from '../../ipc';
import { GALLERY_TAGS } from '../templates/filterTemplates';
import { documentStore } from './stores/documentStore';

type Props = {
  playbookId: string;
  name: string;
  flush: () => Promise<boolean>;
  onNotice: (text: string) => void;
};

export function SaveTemplateButton({ playbookId, name, flush, onNotice }: Props) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="button button--ghost" data-action="save-as-template" title="Save this playbook as a template of your own" onClick={() => setOpen(true)}>
        Save as template…
      </button>
      {open && (
        <SaveTemplateDialog
          playbookId={playbookId}
          name={name}
          flush={flush}
          onClose={(notice) => {
            setOpen(false);
            if (notice !== undefined) onNotice(notice);
          }}
        />
      )}
    </>
  );
}

/** Splits "a, b c" into distinct lowercase tags. */
export function parseTags(text: string): string[] {
  return [...new Set(text.split(/[\s,]+/).map((t) => t.trim().toLowerCase()).filter((t) => t !== ''))];
}

type DialogProps = { playbookId: string; name: string; flush: () => Promise<boolean>; onClose: (notice?: string) => void };

function SaveTemplateDialog({ playbookId, name, flush, onClose }: DialogProps) {
  const ids = useId();
  const [templateName, setTemplateName] = useState(name);
  const [description, setDescription] = useState(() => String(documentStore.getState().content.description ?? ''));
  const [tags, setTags] = useState<string[]>([]);
  const [otherTags, setOtherTags] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);

  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      if (!(await flush())) {
        setError({ code: 'refused', message: 'The last edits could not be saved first; try again.' });
        return;
      }
      const saved = await saveAsTemplate(playbookId, { name: templateName.trim(), description: description.trim(), tags: [...new Set([...tags, ...parseTags(otherTags)])] });
      onClose(`Saved as the template “${saved.name}” (Use a template lists it under “yours”).`);
    } catch (e) {
      setError(toIpcError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="overlay" role="presentation" onKeyDown={(e) => e.key === 'Escape' && !busy && onClose()}>
      <form
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={`${ids}-title`}
        data-testid="save-template-dialog"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <div className="dialog__header">
          <h2 id={`${ids}-title`} className="dialog__title">
            Save as template
          </h2>
        </div>
        <div className="dialog__body">
          <p>The template keeps the blocks, links and arguments; the module configurations chosen here are left out.</p>
          <div className="field">
            <label className="field__label" htmlFor={`${ids}-name`}>
              Name
            </label>
            <input id={`${ids}-name`} className="input" data-field="template-name" value={templateName} onChange={(e) => setTemplateName(e.target.value)} autoFocus />
          </div>
          <div className="field">
            <label className="field__label" htmlFor={`${ids}-description`}>
              Description
            </label>
            <textarea id={`${ids}-description`} className="input input--multiline" rows={3} data-field="template-description" value={description} onChange={(e) => setDescription(e.target.value)} />
          </div>
          <fieldset className="field save-template__tags">
            <legend className="field__label">Tags</legend>
            {GALLERY_TAGS.map((tag) => (
              <label key={tag} className="checkbox">
                <input
                  type="checkbox"
                  data-template-tag={tag}
                  checked={tags.includes(tag)}
                  onChange={(e) => setTags(e.target.checked ? [...tags, tag] : tags.filter((t) => t !== tag))}
                />{' '}
                {tag}
              </label>
            ))}
            <input className="input" aria-label="Other tags" placeholder="other tags, e.g. phishing, enrichment" value={otherTags} onChange={(e) => setOtherTags(e.target.value)} />
          </fieldset>
          {error !== null && <ActionError error={error} testId="save-template-error" onDismiss={() => setError(null)} />}
        </div>
        <div className="dialog__actions">
          <button type="button" className="button" onClick={() => onClose()} disabled={busy}>
            Cancel
          </button>
          <BusyButton type="submit" className="button button--primary" busy={busy} busyLabel="Saving…" data-action="confirm-save-template">
            Save template
          </BusyButton>
        </div>
      </form>
    </div>
  );
}
