// Helpers for the side panel's Jinja fields. Each one is a CodeMirror editor: its editable
// element (`.cm-content`, contenteditable) carries the field's data-testid, id and label,
// and its completion list is CodeMirror's tooltip (`.jinja-completions`).

/** The completion list, and one of its options. */
export const COMPLETIONS = '.jinja-completions';
export const OPTION = `${COMPLETIONS} [role="option"]`;

/**
 * CodeMirror ignores keys and clicks on a list that changed less than 75 ms ago (so a fast
 * Enter does not pick what just appeared); a test that picks waits a little longer.
 */
const SETTLE_MS = 150;

/** What the field holds: its lines, without the placeholder. */
export function fieldText(field) {
  return field.evaluate((el) =>
    [...el.querySelectorAll('.cm-line')]
      .map((line) => {
        const copy = line.cloneNode(true);
        for (const extra of copy.querySelectorAll('.cm-placeholder')) extra.remove();
        return copy.textContent;
      })
      .join('\n'),
  );
}

/** Replaces the field's text by typing, as a user would (the completion list may open). */
export async function typeInField(page, field, text) {
  await field.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Backspace');
  await page.keyboard.type(text);
}

/** The paths offered once the list shows, top to bottom. */
export async function completionPaths(page) {
  await page.waitForSelector(OPTION);
  await page.waitForTimeout(SETTLE_MS);
  return page.$$eval(`${OPTION} .cm-completionLabel`, (els) => els.map((e) => e.textContent));
}

/** Clicks the option whose path is `path`. */
export async function pickCompletion(page, path) {
  await page.waitForSelector(OPTION);
  await page.waitForTimeout(SETTLE_MS);
  const labels = await page.$$eval(`${OPTION} .cm-completionLabel`, (els) => els.map((e) => e.textContent));
  const index = labels.indexOf(path);
  if (index < 0) throw new Error(`no completion ${path} in: ${labels.join(', ')}`);
  await page.locator(OPTION).nth(index).click();
}
