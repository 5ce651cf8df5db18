/**
 * Storage-format bodies of the demo pages: headings, lists, tables, a code macro, an info panel,
 * task lists with assignees and due dates, page links and external links.
 */

export function taskList(
  tasks: Array<{ id: number; done: boolean; text: string; assignee?: string; due?: string }>,
): string {
  const items = tasks.map((task) => {
    const assignee = task.assignee
      ? ` <ac:link><ri:user ri:account-id="${task.assignee}" /></ac:link>`
      : '';
    const due = task.due ? ` <time datetime="${task.due}" />` : '';
    // Cloud's layout: one element per line (as the REST API returns task lists).
    return `<ac:task>\n<ac:task-id>${task.id}</ac:task-id>\n<ac:task-status>${task.done ? 'complete' : 'incomplete'}</ac:task-status>\n<ac:task-body>${task.text}${assignee}${due}</ac:task-body>\n</ac:task>\n`;
  });
  return `<ac:task-list>\n${items.join('')}</ac:task-list>`;
}

export function codeMacro(language: string, code: string): string {
  return `<ac:structured-macro ac:name="code" ac:schema-version="1"><ac:parameter ac:name="language">${language}</ac:parameter><ac:plain-text-body><![CDATA[${code}]]></ac:plain-text-body></ac:structured-macro>`;
}

export function infoPanel(html: string): string {
  return `<ac:structured-macro ac:name="info" ac:schema-version="1"><ac:rich-text-body>${html}</ac:rich-text-body></ac:structured-macro>`;
}

export function pageLink(title: string): string {
  return `<ac:link><ri:page ri:content-title="${title}" /></ac:link>`;
}

export function table(header: string[], rows: string[][]): string {
  const head = `<tr>${header.map((cell) => `<th><p>${cell}</p></th>`).join('')}</tr>`;
  const body = rows
    .map((row) => `<tr>${row.map((cell) => `<td><p>${cell}</p></td>`).join('')}</tr>`)
    .join('');
  return `<table data-layout="default"><tbody>${head}${body}</tbody></table>`;
}

export function homepage(name: string, intro: string, links: string[]): string {
  return `<h1>Welcome to ${name}</h1><p>${intro}</p>${infoPanel('<p>This space is part of the confluence-workbench demo site.</p>')}<h2>Start here</h2><ul>${links.map((title) => `<li>${pageLink(title)}</li>`).join('')}</ul>`;
}

export function q3Planning(owners: { alice: string; bob: string }): string {
  return [
    '<h1>Q3 planning</h1>',
    '<p>Goals, budget and owners for the third quarter. See also ' +
      pageLink('Q3 budget') +
      ' and the <a href="https://www.example.com/brand">brand portal</a>.</p>',
    '<h2>Goals</h2>',
    '<ol><li><p>Grow qualified leads by <strong>20%</strong></p></li><li><p>Launch the partner programme</p></li><li><p>Refresh the website homepage</p></li></ol>',
    '<h2>Milestones</h2>',
    table(
      ['Milestone', 'Owner', 'Due'],
      [
        ['Campaign brief signed off', 'Alice Nguyen', '2026-07-10'],
        ['Partner programme live', 'Bob Martins', '2026-08-14'],
        ['Homepage refresh', 'Alice Nguyen', '2026-09-25'],
      ],
    ),
    '<h2>Action items</h2>',
    taskList([
      {
        id: 1,
        done: false,
        text: 'Draft the campaign brief',
        assignee: owners.alice,
        due: '2026-07-10',
      },
      { id: 2, done: true, text: 'Book the agency kickoff', assignee: owners.bob },
      {
        id: 3,
        done: false,
        text: 'Agree the Q3 budget with finance',
        assignee: owners.bob,
        due: '2026-07-03',
      },
    ]),
  ].join('');
}

export function architectureOverview(): string {
  return [
    '<h1>Architecture overview</h1>',
    '<p>The platform is a set of small services behind one API gateway.</p>',
    '<h2>Services</h2>',
    table(
      ['Service', 'Language', 'Owner'],
      [
        ['gateway', 'TypeScript', 'Platform'],
        ['billing', 'Go', 'Payments'],
        ['search', 'Rust', 'Discovery'],
      ],
    ),
    '<h2>Running locally</h2>',
    codeMacro(
      'bash',
      'git clone git@example.com:acme/platform.git\ncd platform\nnpm ci && npm run dev',
    ),
    '<h3>Principles</h3>',
    '<ul><li><p>Every service owns its data</p></li><li><p>Synchronous calls only through the gateway</p></li><li><p>Events for everything else</p></li></ul>',
  ].join('');
}

export function generic(title: string, topic: string, extra = ''): string {
  return `<h1>${title}</h1><p>This page describes ${topic}. Keep it up to date when things change.</p><h2>Details</h2><ul><li><p>Owner: the team that wrote it</p></li><li><p>Review: every quarter</p></li></ul>${extra}`;
}
