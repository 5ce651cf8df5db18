/**
 * The one place the registry reaches the storage ⇄ markdown converters, which the wire layer owns
 * (src/confluence/markdown/): macros and other constructs markdown cannot express travel as
 * placeholders, so a read-change-write through markdown keeps them byte for byte.
 */
export { markdownToStorage } from '../../markdown/markdown-to-storage.ts';
export { storageToMarkdown } from '../../markdown/storage-to-markdown.ts';
