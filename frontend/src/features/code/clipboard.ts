/**
 * Writing text to the clipboard from a click, including text that is not ready yet (a value
 * the CODE worker still has to send).
 *
 * Order of attempts: for pending text, `navigator.clipboard.write` with a `ClipboardItem`
 * holding the promise (called during the click, so WebKit still counts the user's gesture),
 * then `writeText` once the text is there, then the old `execCommand('copy')` on a hidden
 * textarea. Resolves true when one of them worked.
 *
 * Not here: what is copied and the confirmation shown (./CodeView.tsx).
 */

export async function copyText(text: string | Promise<string>): Promise<boolean> {
  if (typeof text !== 'string' && (await writeLater(text))) return true;
  const ready = await text;
  try {
    if (navigator.clipboard?.writeText !== undefined) {
      await navigator.clipboard.writeText(ready);
      return true;
    }
  } catch {
    // Refused (no permission, no focus): try the old way.
  }
  return copyWithSelection(ready);
}

/** A ClipboardItem whose content resolves later; false when the webview cannot do that. */
async function writeLater(text: Promise<string>): Promise<boolean> {
  if (typeof ClipboardItem === 'undefined' || navigator.clipboard?.write === undefined) return false;
  try {
    const blob = text.then((t) => new Blob([t], { type: 'text/plain' }));
    await navigator.clipboard.write([new ClipboardItem({ 'text/plain': blob })]);
    return true;
  } catch {
    return false;
  }
}

function copyWithSelection(text: string): boolean {
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.className = 'visually-hidden-copy';
  document.body.appendChild(area);
  const focused = document.activeElement;
  area.select();
  let done = false;
  try {
    done = document.execCommand('copy');
  } catch {
    done = false;
  }
  area.remove();
  if (focused instanceof HTMLElement) focused.focus();
  return done;
}
