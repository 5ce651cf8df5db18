import { describe, expect, it } from 'vitest';
import { renderBody, toStoredBody } from '../../src/emulator/bodies/index.ts';
import { storageToAdf } from '../../src/emulator/bodies/storage-to-adf.ts';
import { adfToStorage } from '../../src/emulator/bodies/adf-to-storage.ts';
import { storageToView } from '../../src/emulator/bodies/storage-to-view.ts';
import { storageToText } from '../../src/emulator/bodies/text.ts';
import {
  codeMacro,
  infoPanel,
  pageLink,
  table,
  taskList,
} from '../../src/emulator/seed/demo-bodies.ts';

describe('body representations', () => {
  it('storageToView: the code macro becomes a <pre> with its language, escaped', () => {
    const view = storageToView(codeMacro('js', 'if (a < b) run();'), { prefix: '' });
    expect(view).toContain(
      '<pre class="syntaxhighlighter-pre" data-syntaxhighlighter-params="brush: js;',
    );
    expect(view).toContain('if (a &lt; b) run();</pre>');
  });

  it('storageToView: panels, task lists, page links and mentions render as HTML', () => {
    const storage = `${infoPanel('<p>Note</p>')}${taskList([{ id: 7, done: true, text: 'Ship' }])}<p>${pageLink('Q3 budget')}<ac:link><ri:user ri:account-id="u1" /></ac:link></p>`;
    const view = storageToView(storage, {
      prefix: '/emulator',
      userName: (id) => (id === 'u1' ? 'Alice' : undefined),
    });
    expect(view).toContain(
      '<div class="confluence-information-macro confluence-information-macro-information">',
    );
    expect(view).toContain('<li class="checked" data-inline-task-id="7">Ship</li>');
    expect(view).toContain('href="/emulator/wiki/pages/viewpage.action?title=Q3%20budget"');
    expect(view).toContain('>@Alice</a>');
    expect(view).not.toContain('ac:');
  });

  it('storageToAdf: paragraphs, headings, lists, links, marks, code and tables', () => {
    const storage = `<h2>Title</h2><p>Hi <strong>bold</strong> <a href="https://x.test">link</a></p><ul><li><p>one</p></li></ul><ol><li>two</li></ol>${codeMacro('sql', 'SELECT 1')}${table(['A'], [['1']])}`;
    const document = storageToAdf(storage);
    expect(document.content.map((node) => node.type)).toEqual([
      'heading',
      'paragraph',
      'bulletList',
      'orderedList',
      'codeBlock',
      'table',
    ]);
    expect(document.content[0]).toEqual({
      type: 'heading',
      attrs: { level: 2 },
      content: [{ type: 'text', text: 'Title' }],
    });
    expect(document.content[1]!.content).toContainEqual({
      type: 'text',
      text: 'bold',
      marks: [{ type: 'strong' }],
    });
    expect(document.content[1]!.content).toContainEqual({
      type: 'text',
      text: 'link',
      marks: [{ type: 'link', attrs: { href: 'https://x.test' } }],
    });
    expect(document.content[3]!.content![0]!.content![0]!.type).toBe('paragraph');
    expect(document.content[4]).toEqual({
      type: 'codeBlock',
      attrs: { language: 'sql' },
      content: [{ type: 'text', text: 'SELECT 1' }],
    });
    expect(document.content[5]!.content![0]!.content![0]!.type).toBe('tableHeader');
  });

  it('adfToStorage ∘ storageToAdf keeps the supported structure', () => {
    const storage = `<h1>T</h1><p>a <em>b</em></p><ul><li><p>c</p></li></ul>${taskList([{ id: 1, done: false, text: 'todo' }])}`;
    const again = adfToStorage(storageToAdf(storage));
    expect(again).toBe(
      '<h1>T</h1><p>a <em>b</em></p><ul><li><p>c</p></li></ul><ac:task-list><ac:task><ac:task-id>1</ac:task-id><ac:task-status>incomplete</ac:task-status><ac:task-body>todo</ac:task-body></ac:task></ac:task-list>',
    );
  });

  it('renderBody: ADF written is returned verbatim; storage from it is derived', () => {
    const adf = JSON.stringify({
      type: 'doc',
      version: 1,
      content: [{ type: 'heading', attrs: { level: 3 }, content: [{ type: 'text', text: 'H' }] }],
    });
    const stored = toStoredBody('atlas_doc_format', adf);
    expect(renderBody(stored, 'atlas_doc_format', { prefix: '' })).toBe(adf);
    expect(renderBody(stored, 'storage', { prefix: '' })).toBe('<h3>H</h3>');
    expect(renderBody(stored, 'editor', { prefix: '' })).toBe('<h3>H</h3>');
  });

  it('toStoredBody: wiki markup subset and invalid ADF', () => {
    expect(toStoredBody('wiki', 'h2. Plan\n* a\n* b\ntext').body).toBe(
      '<h2>Plan</h2><ul><li>a</li><li>b</li></ul><p>text</p>',
    );
    expect(() => toStoredBody('atlas_doc_format', 'not json')).toThrow(/atlas_doc_format/);
  });

  it('storageToText: words a reader sees, macro parameters left out', () => {
    expect(storageToText(`<p>Hello</p>${codeMacro('bash', 'npm ci')}<p>world</p>`)).toBe(
      'Hello npm ci world',
    );
  });
});
