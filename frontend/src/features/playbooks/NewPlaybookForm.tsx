import { useId, useState, type FormEvent, type RefObject } from 'react';

import type { CreatePlaybookInput } from '../../ipc';
import { shortcutLabel } from '../../lib/useModShortcut';

type NewPlaybookFormProps = {
  /** Creates the playbook; resolves to `true` when it was created (the form then resets). */
  onCreate: (input: CreatePlaybookInput) => Promise<boolean>;
  /** Lets the page focus the name field (Ctrl/⌘+N). */
  nameInputRef: RefObject<HTMLInputElement | null>;
  /** Opens the template gallery. */
  onUseTemplate: () => void;
};

const NAME_REQUIRED = 'Name is required.';

/** Name and description of a new playbook. Validates the name; the core validates the rest. */
export function NewPlaybookForm({ onCreate, nameInputRef, onUseTemplate }: NewPlaybookFormProps) {
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [nameError, setNameError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const ids = useId();
  const nameId = `${ids}-name`;
  const nameErrorId = `${ids}-name-error`;
  const descriptionId = `${ids}-description`;

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    const input: CreatePlaybookInput = { name: name.trim(), description: description.trim() };
    if (input.name === '') {
      setNameError(NAME_REQUIRED);
      nameInputRef.current?.focus();
      return;
    }
    setNameError(null);
    setSubmitting(true);
    try {
      if (await onCreate(input)) {
        setName('');
        setDescription('');
      }
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <form className="panel new-playbook" aria-labelledby={`${ids}-title`} onSubmit={handleSubmit} noValidate>
      <div className="panel__header">
        <h2 id={`${ids}-title`} className="panel__title">
          New playbook
        </h2>
        <kbd className="shortcut" title="Focus the name field">
          {shortcutLabel('n')}
        </kbd>
      </div>

      <div className="field">
        <label className="field__label" htmlFor={nameId}>
          Name <span className="field__required">required</span>
        </label>
        <input
          ref={nameInputRef}
          id={nameId}
          className="input"
          type="text"
          autoComplete="off"
          spellCheck={false}
          placeholder="e.g. Phishing triage"
          data-testid="new-playbook-name"
          value={name}
          aria-required="true"
          aria-invalid={nameError !== null}
          aria-describedby={nameError !== null ? nameErrorId : undefined}
          onChange={(event) => {
            setName(event.target.value);
            if (nameError !== null && event.target.value.trim() !== '') setNameError(null);
          }}
        />
        {nameError !== null && (
          <p id={nameErrorId} className="field__error" data-testid="new-playbook-name-error">
            {nameError}
          </p>
        )}
      </div>

      <div className="field">
        <label className="field__label" htmlFor={descriptionId}>
          Description
        </label>
        <textarea
          id={descriptionId}
          className="input input--multiline"
          rows={4}
          placeholder="What does this playbook respond to?"
          data-testid="new-playbook-description"
          value={description}
          onChange={(event) => setDescription(event.target.value)}
        />
      </div>

      <button
        type="submit"
        className="button button--primary"
        data-testid="new-playbook-submit"
        disabled={submitting}
        aria-busy={submitting}
      >
        {submitting ? 'Creating…' : 'Create'}
      </button>
      <p className="new-playbook__or">or</p>
      <button type="button" className="button" data-action="open-templates" onClick={onUseTemplate}>
        Use a template…
      </button>
    </form>
  );
}
