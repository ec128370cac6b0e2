/**
 * The file name proposed when a playbook is exported: its name with the characters that
 * Windows, macOS or Linux refuse in a file name replaced, and `.json` added.
 */
export function exportFileName(playbookName: string): string {
  const cleaned = playbookName
    // Control characters and the characters Windows reserves.
    // eslint-disable-next-line no-control-regex -- control characters are exactly what a file name must not hold
    .replace(/[\u0000-\u001f\u007f<>:"/\\|?*]+/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    // Windows drops trailing dots and spaces; a leading dot hides the file elsewhere.
    .replace(/^[.\s-]+|[.\s-]+$/g, '');
  const base = cleaned === '' ? 'playbook' : cleaned.slice(0, 120).trim();
  return /\.json$/i.test(base) ? base : `${base}.json`;
}
