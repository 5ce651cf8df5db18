/**
 * Plain aligned text tables for the CLI (`runs list`, `job list`): cli-table3 (well kept, knows
 * the display width of wide and emoji characters, which padEnd does not) with its borders turned
 * off, so the output stays greppable and copy-pastable.
 */
import Table from 'cli-table3';

const NO_BORDER = {
  top: '',
  'top-mid': '',
  'top-left': '',
  'top-right': '',
  bottom: '',
  'bottom-mid': '',
  'bottom-left': '',
  'bottom-right': '',
  left: '',
  'left-mid': '',
  mid: '',
  'mid-mid': '',
  right: '',
  'right-mid': '',
  middle: '  ',
};

/**
 * One line per row, the header first, columns aligned and trailing spaces trimmed.
 *
 * @example
 * textTable(['ID', 'STATE'], [['job_1', 'done']]) // ['ID     STATE', 'job_1  done']
 */
export function textTable(header: string[], rows: string[][]): string[] {
  const table = new Table({
    head: header,
    chars: NO_BORDER,
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0, compact: true },
  });
  table.push(...rows);
  return table
    .toString()
    .split('\n')
    .map((line) => line.trimEnd());
}
