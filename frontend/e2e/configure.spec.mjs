// The side panel: arguments from the schema, Jinja completion, operator editors.
import { assert, test, tid, waitUntil } from './harness.mjs';

test('configure an argument by choosing a Jinja path from the completion list', async ({ page, app }) => {
  await app.open('Triage');
  await page.click('[data-node-id="1"]');
  await page.waitForSelector(tid('block-panel'));
  const uuid = page.locator(tid('argument-uuid'));
  await uuid.click();
  await page.keyboard.type('{{ node.0.al');
  await page.waitForSelector(tid('jinja-completions'));
  const options = await page.$$eval('[data-testid="completion-option"]', (els) => els.map((e) => e.getAttribute('data-path')));
  assert.equal(options[0], 'node.0.alert_uuid', `completions: ${options.slice(0, 5)}`);
  await page.click('[data-testid="completion-option"][data-path="node.0.alert_uuid"]');
  await waitUntil(async () => (await uuid.inputValue()) === '{{ node.0.alert_uuid }}', 'the path inserted and the braces closed');
  assert.equal(await page.locator(tid('jinja-completions')).count(), 0, 'the list closes');

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
  const field = page.locator(`${tid('argument-field')}[data-argument="content"] textarea, ${tid('argument-field')}[data-argument="content"] input`).first();
  await field.click();
  await page.keyboard.type('Urgency is ');
  await page.locator(`${tid('argument-field')}[data-argument="content"] ${tid('jinja-insert')}`).click();
  await page.waitForSelector(tid('jinja-completions'));
  await page.keyboard.type('current_val');
  const paths = await page.$$eval('[data-testid="completion-option"]', (els) => els.map((e) => e.getAttribute('data-path')));
  assert.ok(paths.includes('node.1.urgency.current_value'), `nested path offered: ${paths}`);
  await page.click('[data-testid="completion-option"][data-path="node.1.urgency.current_value"]');
  assert.equal(await field.inputValue(), 'Urgency is {{ node.1.urgency.current_value }}');

  await field.fill('{{ node.1.urgency ');
  await page.waitForSelector(tid('jinja-issue'));
  assert.match(await page.textContent(tid('jinja-issue')), /“\{\{” is not closed: add “\}\}”/);
  await field.fill('{{ node.1.urgency }}');
  await waitUntil(async () => (await page.locator(tid('jinja-issue')).count()) === 0, 'the message to go once fixed');
});

test('condition cases: add, link, rename (the branch keeps its link)', async ({ page, app }) => {
  await app.open('Triage');
  await app.dragBlock('Condition', 650, 130);
  await page.waitForSelector('[data-node-id="2"]');
  await page.click('[data-node-id="2"]');
  await page.click(tid('add-case'));
  await page.locator(tid('case-left')).fill('{{ node.1.urgency.current_value }}');
  await page.selectOption(tid('case-comparison'), '>=');
  await page.locator(tid('case-right')).fill('{{ 80 }}');
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
  await page.locator(tid('modification-value')).fill('{{ node.1.entity.name }}');
  await app.dragBlock('Foreach', 650, 150);
  await page.waitForSelector('[data-node-id="3"]');
  await page.click('[data-node-id="3"]');
  await page.locator(tid('foreach-items')).fill('{{ store.');
  await page.waitForSelector('[data-testid="completion-option"][data-path="store.targets"]');
  await page.click('[data-testid="completion-option"][data-path="store.targets"]');
  await app.waitSaved();
  const saved = await app.saved();
  assert.deepEqual(saved.nodes['2'].modifications, [{ key: 'targets', type: 'append', value: '{{ node.1.entity.name }}' }]);
  assert.equal(saved.nodes['3'].items, '{{ store.targets }}');
});
