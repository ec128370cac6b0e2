// The side panel: arguments from the schema, Jinja completion, operator editors.
import { assert, test, tid, waitUntil } from './harness.mjs';
import { COMPLETIONS, OPTION, completionPaths, fieldText, pickCompletion, typeInField } from './jinjaField.mjs';

test('configure an argument by choosing a Jinja path from the completion list', async ({ page, app }) => {
  await app.open('Triage');
  await page.click('[data-node-id="1"]');
  await page.waitForSelector(tid('block-panel'));
  const uuid = page.locator(tid('argument-uuid'));
  await uuid.click();
  await page.keyboard.type('{{ node.0.al');
  const options = await completionPaths(page);
  assert.equal(options[0], 'node.0.alert_uuid', `completions: ${options.slice(0, 5)}`);
  await pickCompletion(page, 'node.0.alert_uuid');
  await waitUntil(async () => (await fieldText(uuid)) === '{{ node.0.alert_uuid }}', 'the path inserted and the braces closed');
  await waitUntil(async () => (await page.locator(COMPLETIONS).count()) === 0, 'the list to close');

  // A boolean argument is a select.
  await page.selectOption(tid('argument-stix-select'), 'true');
  await app.waitSaved();
  const saved = await app.saved();
  assert.deepEqual(saved.nodes['1'].arguments, { uuid: '{{ node.0.alert_uuid }}', stix: true });
  // Typing in one field is one undo step.
  await page.click('.react-flow__pane');
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+z');
  await app.waitSaved();
  assert.deepEqual((await app.saved()).nodes['1'].arguments, {});
});

test('nested result paths, the { } button, and inline Jinja errors', async ({ page, app }) => {
  await app.open('Triage');
  await app.dragBlock('Comment Alert', 650, 380);
  await page.waitForSelector('[data-node-id="2"]');
  await app.link('1', 'default', '2');
  await page.click('[data-node-id="2"]');
  await page.waitForSelector(tid('block-panel'));
  const field = page.locator(`${tid('argument-field')}[data-argument="content"] .cm-content`);
  await field.click();
  await page.keyboard.type('Urgency is ');
  await page.locator(`${tid('argument-field')}[data-argument="content"] ${tid('jinja-insert')}`).click();
  await page.waitForSelector(COMPLETIONS);
  await page.keyboard.type('current_val');
  await waitUntil(async () => (await completionPaths(page)).includes('node.1.urgency.current_value'), 'the nested path offered');
  await pickCompletion(page, 'node.1.urgency.current_value');
  assert.equal(await fieldText(field), 'Urgency is {{ node.1.urgency.current_value }}');

  await typeInField(page, field, '{{ node.1.urgency ');
  await page.waitForSelector(tid('jinja-issue'));
  assert.match(await page.textContent(tid('jinja-issue')), /“\{\{” is not closed: add “\}\}”/);
  assert.equal(await field.getAttribute('aria-invalid'), 'true');
  await page.keyboard.type('}}');
  await waitUntil(async () => (await page.locator(tid('jinja-issue')).count()) === 0, 'the message to go once fixed');
});

test('condition cases: add, link, rename (the branch keeps its link)', async ({ page, app }) => {
  await app.open('Triage');
  await app.dragBlock('Condition', 650, 130);
  await page.waitForSelector('[data-node-id="2"]');
  await page.click('[data-node-id="2"]');
  await page.click(tid('add-case'));
  await typeInField(page, page.locator(tid('case-left')), '{{ node.1.urgency.current_value }}');
  await page.selectOption(tid('case-comparison'), '>=');
  await typeInField(page, page.locator(tid('case-right')), '{{ 80 }}');
  await page.waitForSelector('[data-node-id="2"] .react-flow__handle[data-branch="Case 1"]');
  await app.dragBlock('Update Alert Status', 650, 400);
  await page.waitForSelector('[data-node-id="3"]');
  await app.link('2', 'Case 1', '3');
  await waitUntil(async () => (await page.locator('.react-flow__edge').count()) === 2, 'the case linked');

  await page.click('[data-node-id="2"]');
  const name = page.locator(tid('case-name'));
  await name.fill('urgent');
  await name.press('Enter');
  await page.waitForSelector('[data-node-id="2"] .react-flow__handle[data-branch="urgent"]');
  await app.waitSaved();
  const node = (await app.saved()).nodes['2'];
  assert.deepEqual(node.outputs, { urgent: ['3'], else: [] });
  assert.deepEqual(node.cases, [{ name: 'urgent', left: '{{ node.1.urgency.current_value }}', comparison: '>=', right: '{{ 80 }}' }]);
  // "else" is refused as a case name.
  await name.fill('else');
  await page.waitForSelector(`${tid('condition-case')} [role="alert"]`);
});

test('store modifications and foreach items', async ({ page, app }) => {
  await app.open('Triage');
  await app.dragBlock('Store', 160, 420);
  await page.waitForSelector('[data-node-id="2"]');
  await page.click('[data-node-id="2"]');
  await page.click(tid('add-modification'));
  await page.locator(tid('modification-key')).fill('targets');
  await page.selectOption(tid('modification-type'), 'append');
  await typeInField(page, page.locator(tid('modification-value')), '{{ node.1.entity.name }}');
  await app.dragBlock('Foreach', 650, 150);
  await page.waitForSelector('[data-node-id="3"]');
  await page.click('[data-node-id="3"]');
  await typeInField(page, page.locator(tid('foreach-items')), '{{ store.');
  await pickCompletion(page, 'store.targets');
  await app.waitSaved();
  const saved = await app.saved();
  assert.deepEqual(saved.nodes['2'].modifications, [{ key: 'targets', type: 'append', value: '{{ node.1.entity.name }}' }]);
  assert.equal(saved.nodes['3'].items, '{{ store.targets }}');
});

test('Jinja fields highlight templates and take a completion from the keyboard', async ({ page, app }) => {
  await app.open('Triage');
  await page.click('[data-node-id="1"]');
  await page.waitForSelector(tid('block-panel'));
  const uuid = page.locator(tid('argument-uuid'));
  await typeInField(page, uuid, '{{ node.x.y }}');
  // lang-jinja's tokens, with the classes the stylesheet colours; the tag itself is marked.
  const tokens = await uuid.evaluate((el) => {
    const texts = (selector) => [...el.querySelectorAll(selector)].map((e) => e.textContent);
    return { variables: texts('.tok-variableName'), properties: texts('.tok-propertyName'), braces: texts('.cm-jinja .tok-punctuation'), tag: texts('.cm-jinja').join('') };
  });
  assert.deepEqual(tokens, { variables: ['node'], properties: ['x', 'y'], braces: ['{{', '}}'], tag: '{{ node.x.y }}' });
  // The styles reached the page through the CSP: CodeMirror's own (the editor is a flex
  // column, from its runtime <style> with the page's nonce) and the file's token colours.
  const looks = await uuid.evaluate((el) => ({
    editor: getComputedStyle(el.closest('.cm-editor')).display,
    variable: getComputedStyle(el.querySelector('.tok-variableName')).color,
  }));
  assert.deepEqual(looks, { editor: 'flex', variable: 'rgb(125, 211, 252)' });

  // Arrow down to the second path, Enter: it replaces what was typed and closes the braces.
  await typeInField(page, uuid, '{{ node.');
  const paths = await completionPaths(page);
  assert.ok(paths.length >= 2, `paths offered: ${paths}`);
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.textContent(`${OPTION}[aria-selected="true"] .cm-completionLabel`), paths[1]);
  await page.keyboard.press('Enter');
  assert.equal(await fieldText(uuid), `{{ ${paths[1]} }}`);
  await waitUntil(async () => (await page.locator(COMPLETIONS).count()) === 0, 'the list to close');
  await app.waitSaved();
  assert.equal((await app.saved()).nodes['1'].arguments.uuid, `{{ ${paths[1]} }}`);
});
