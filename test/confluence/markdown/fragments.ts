/**
 * Storage fragments for the round-trip tests: what Confluence Cloud pages are made of. `exact`
 * fragments come back byte-for-byte as whole documents; in the others markdown normalizes the
 * surrounding HTML (`<b>` → `<strong>`, cell paragraphs), but every macro still comes back intact.
 */
export const EXACT: Array<[string, string]> = [
  [
    'heading and paragraph',
    '<h1>Release plan</h1><p>Ship it on <strong>Friday</strong>, <em>not</em> before.</p>',
  ],
  [
    'status macro in a sentence',
    '<p>State: <ac:structured-macro ac:name="status" ac:schema-version="1" ac:macro-id="6f1c-9a"><ac:parameter ac:name="colour">Green</ac:parameter><ac:parameter ac:name="title">ON TRACK</ac:parameter></ac:structured-macro> today.</p>',
  ],
  [
    'code macro with language',
    '<ac:structured-macro ac:name="code" ac:schema-version="1" ac:macro-id="d8f3"><ac:parameter ac:name="language">python</ac:parameter><ac:plain-text-body><![CDATA[def f(x):\n    return x < 2 and x > 0]]></ac:plain-text-body></ac:structured-macro>',
  ],
  [
    'code macro without language',
    '<ac:structured-macro ac:name="code"><ac:plain-text-body><![CDATA[plain text]]></ac:plain-text-body></ac:structured-macro>',
  ],
  [
    'code macro with title and line numbers',
    '<ac:structured-macro ac:name="code" ac:schema-version="1"><ac:parameter ac:name="language">java</ac:parameter><ac:parameter ac:name="title">Main.java</ac:parameter><ac:parameter ac:name="linenumbers">true</ac:parameter><ac:plain-text-body><![CDATA[class Main {}]]></ac:plain-text-body></ac:structured-macro>',
  ],
  [
    'code macro holding ]]> and a fence',
    '<ac:structured-macro ac:name="code"><ac:parameter ac:name="language">md</ac:parameter><ac:plain-text-body><![CDATA[```js\nx = "]]]]><![CDATA[>"\n```\n]]></ac:plain-text-body></ac:structured-macro>',
  ],
  [
    'info panel with a rich body',
    '<ac:structured-macro ac:name="info" ac:schema-version="1"><ac:parameter ac:name="title">Heads up</ac:parameter><ac:rich-text-body><p>First</p>\n\n<p>Second with <strong>bold</strong></p></ac:rich-text-body></ac:structured-macro>',
  ],
  [
    'expand with a nested code macro',
    '<ac:structured-macro ac:name="expand"><ac:rich-text-body><ac:structured-macro ac:name="code"><ac:plain-text-body><![CDATA[echo -- "100%"]]></ac:plain-text-body></ac:structured-macro></ac:rich-text-body></ac:structured-macro>',
  ],
  [
    'self-closing toc',
    '<ac:structured-macro ac:name="toc" ac:schema-version="1" ac:macro-id="t1" /><h2>Intro</h2>',
  ],
  [
    'image from an attachment in a paragraph',
    '<p>See <ac:image ac:height="250" ac:alt="diagram"><ri:attachment ri:filename="arch.png" ri:version-at-save="1" /></ac:image> above.</p>',
  ],
  [
    'image on its own',
    '<ac:image ac:align="center" ac:layout="center"><ri:url ri:value="https://example.com/a.png" /></ac:image>',
  ],
  [
    'page link with a CDATA body',
    '<p>Read <ac:link><ri:page ri:space-key="ENG" ri:content-title="Runbook" /><ac:plain-text-link-body><![CDATA[the runbook]]></ac:plain-text-link-body></ac:link> first.</p>',
  ],
  [
    'user mention',
    '<p>Ask <ac:link><ri:user ri:account-id="557058:0a1b2c" /></ac:link> about it.</p>',
  ],
  [
    'task list',
    '<ac:task-list>\n<ac:task>\n<ac:task-id>1</ac:task-id>\n<ac:task-uuid>4b3f</ac:task-uuid>\n<ac:task-status>incomplete</ac:task-status>\n<ac:task-body>Write <strong>docs</strong></ac:task-body>\n</ac:task>\n</ac:task-list>',
  ],
  [
    'two-column layout',
    '<ac:layout><ac:layout-section ac:type="two_equal" ac:breakout-mode="default"><ac:layout-cell><p>Left</p></ac:layout-cell><ac:layout-cell><ul><li>one</li><li>two</li></ul></ac:layout-cell></ac:layout-section><ac:layout-section ac:type="fixed-width"><ac:layout-cell><p>Below</p></ac:layout-cell></ac:layout-section></ac:layout>',
  ],
  [
    'emoticon',
    '<p>Done <ac:emoticon ac:name="tick" ac:emoji-shortname=":check_mark:" ac:emoji-id="2714" /></p>',
  ],
  [
    'jira issue macro',
    '<p><ac:structured-macro ac:name="jira" ac:schema-version="1"><ac:parameter ac:name="server">System JIRA</ac:parameter><ac:parameter ac:name="key">ENG-42</ac:parameter></ac:structured-macro></p>',
  ],
  [
    'table with layout attributes',
    '<table data-layout="default" ac:local-id="9a"><colgroup><col style="width: 340.0px;" /><col style="width: 340.0px;" /></colgroup><tbody><tr><th><p><strong>Owner</strong></p></th><th><p>Due</p></th></tr><tr><td><p>Ann</p></td><td><p><time datetime="2026-07-01" /></p></td></tr></tbody></table>',
  ],
  [
    'coloured text',
    '<p>This is <span style="color: rgb(255,86,48);">red</span> and <u>underlined</u> and x<sup>2</sup>.</p>',
  ],
  ['centred paragraph', '<p style="text-align: center;">Centred</p><p>Normal</p>'],
  ['date', '<p>Due <time datetime="2026-07-01" /> at the latest.</p>'],
  [
    'inline comment marker',
    '<p>Some <ac:inline-comment-marker ac:ref="0f8e">annotated</ac:inline-comment-marker> words.</p>',
  ],
  ['placeholder', '<ac:placeholder>Type your summary here</ac:placeholder><p>x</p>'],
  [
    'status with %, -- and | in it',
    '<p><ac:structured-macro ac:name="status"><ac:parameter ac:name="title">50% -- a|b `x`</ac:parameter></ac:structured-macro></p>',
  ],
  [
    'macro spanning lines inline',
    '<p>Before <ac:structured-macro ac:name="anchor">\n<ac:parameter ac:name="">\n# top\n</ac:parameter>\n</ac:structured-macro> after</p>',
  ],
  [
    'macro alone in a list item',
    '<ul><li><p>Item</p><ac:structured-macro ac:name="note"><ac:rich-text-body><p>in a list</p></ac:rich-text-body></ac:structured-macro></li></ul>',
  ],
  [
    'macro in a quote',
    '<blockquote><p>quoted</p><ac:structured-macro ac:name="children" ac:schema-version="2" /></blockquote>',
  ],
  [
    'excerpt include',
    '<ac:structured-macro ac:name="excerpt-include"><ac:parameter ac:name=""><ac:link><ri:page ri:content-title="Glossary" /></ac:link></ac:parameter></ac:structured-macro>',
  ],
  [
    'ADF extension',
    '<ac:adf-extension><ac:adf-node type="panel"><ac:adf-attribute key="panel-type">note</ac:adf-attribute><ac:adf-content><p>ADF</p></ac:adf-content></ac:adf-node></ac:adf-extension>',
  ],
  [
    'markdown-special characters in text',
    '<p>2 * 3 = 6, snake_case, [not a link], # not a heading, 1. not a list, &lt;tag&gt; &amp; `tick`</p>',
  ],
  [
    'nested lists',
    '<ul><li>a<ul><li>b</li></ul></li><li>c</li></ul><ol><li>first</li><li>second</li></ol>',
  ],
  [
    'links, code and rules',
    '<p><a href="https://example.com/x?a=1&amp;b=2">site</a> and <code>npm test</code></p><hr /><h3>End</h3>',
  ],
  ['quote', '<blockquote><p>Quoted text</p></blockquote>'],
  [
    'task list in the compact layout (kept as storage)',
    '<ac:task-list><ac:task><ac:task-id>5</ac:task-id><ac:task-status>complete</ac:task-status><ac:task-body>Done</ac:task-body></ac:task></ac:task-list>',
  ],
  [
    'task list with a mention and a date',
    '<ac:task-list>\n<ac:task>\n<ac:task-id>1</ac:task-id>\n<ac:task-status>incomplete</ac:task-status>\n<ac:task-body>Draft <ac:link><ri:user ri:account-id="557058:ab" /></ac:link> <time datetime="2026-07-10" /></ac:task-body>\n</ac:task>\n<ac:task>\n<ac:task-id>9</ac:task-id>\n<ac:task-status>complete</ac:task-status>\n<ac:task-body>Review</ac:task-body>\n</ac:task>\n</ac:task-list>',
  ],
  [
    'a Confluence table',
    '<table data-layout="default"><tbody><tr><th><p>Owner</p></th><th><p>Due</p></th></tr><tr><td><p>Alice</p></td><td><p>2026-07-10</p></td></tr></tbody></table>',
  ],
  [
    'a list of page links',
    '<ul><li><ac:link><ri:page ri:content-title="Q3 planning" /></ac:link></li><li><ac:link><ri:page ri:space-key="ENG" ri:content-title="Runbook?" /></ac:link></li></ul>',
  ],
];

/** Markdown normalizes the HTML around the macros; the macros themselves must survive. */
export const MACROS_KEPT: Array<[string, string]> = [
  [
    'plain table with a status',
    '<table><tbody><tr><th>Name</th><th>State</th></tr><tr><td><p>Build | test</p></td><td><p><ac:structured-macro ac:name="status"><ac:parameter ac:name="title">OK</ac:parameter></ac:structured-macro></p></td></tr></tbody></table>',
  ],
  ['bold spelled b', '<p><b>bold</b> <i>it</i> <ac:emoticon ac:name="smile" /></p>'],
  [
    'code macro with odd spacing stays raw',
    '<ac:structured-macro ac:name="code" >\n  <ac:parameter ac:name="language">sql</ac:parameter>\n  <ac:plain-text-body><![CDATA[select 1]]></ac:plain-text-body>\n</ac:structured-macro>',
  ],
  [
    'whitespace between layout tags',
    '<ac:layout>\n  <ac:layout-section ac:type="single">\n    <ac:layout-cell>\n      <p>Hello</p>\n    </ac:layout-cell>\n  </ac:layout-section>\n</ac:layout>',
  ],
  ['line break', '<p>one<br />two <ac:structured-macro ac:name="status" /></p>'],
];
