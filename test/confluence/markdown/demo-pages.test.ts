import { describe, expect, it } from 'vitest';
import { markdownToStorage } from '../../../src/confluence/markdown/markdown-to-storage.ts';
import { storageToMarkdown } from '../../../src/confluence/markdown/storage-to-markdown.ts';
import { createEmulator } from '../../../src/emulator/index.ts';

const AUTH = `Basic ${Buffer.from('demo@example.com:demo-token').toString('base64')}`;

describe('markdown of the demo site', async () => {
  const emulator = createEmulator({ database: ':memory:', seed: 'demo' });
  const response = await emulator.app.request('/wiki/api/v2/pages?body-format=storage&limit=250', {
    headers: { authorization: AUTH },
  });
  const pages = (await response.json()) as {
    results: Array<{ title: string; body: { storage: { value: string } } }>;
  };
  const bodies = pages.results.map((page) => ({
    title: page.title,
    body: page.body.storage.value,
  }));

  it('markdown: every demo page comes back byte for byte', () => {
    expect(bodies.length).toBeGreaterThan(5);
    for (const { title, body } of bodies) {
      expect(markdownToStorage(storageToMarkdown(body)), title).toBe(body);
    }
  });

  it('markdown: links, tables and task lists of the demo pages read as markdown, not raw storage', () => {
    const markdown = bodies.map(({ body }) => storageToMarkdown(body)).join('\n');
    const raw = [...markdown.matchAll(/```confluence-storage\n([\s\S]*?)\n```/g)].map(
      (match) => match[1]!,
    );
    expect(raw.filter((block) => /<ac:task-list|<table|<ac:link/.test(block))).toEqual([]);
    expect(markdown).toContain('* [ ] ');
    const storageLength = bodies.reduce((sum, { body }) => sum + body.length, 0);
    expect(markdown.length).toBeLessThan(storageLength * 0.8);
    expect(markdown).toContain('](<confluence-page:');
  });
});
