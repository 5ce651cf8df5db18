/**
 * One CQL clause of a user search (/wiki/rest/api/search/user) as SQL over the users table
 * (alias `u`), in its positive form. The fields are those swagger.v3.json `searchUser` lists:
 * `type = user`, `user` / `user.accountid` (accountIds, `currentUser()`), and `user.fullname ~`,
 * which matches "users with nickname/full name starting with" the value: any word of the display
 * name starting with it, case-insensitively.
 */
import type { CqlClause } from './ast.ts';
import type { PositiveOperator } from './compile-content.ts';
import { FALSE_SQL, type Sql, TRUE_SQL, combine, fragment, memberOf } from './sql.ts';
import { textQueryOf } from './text-sql.ts';
import { type CompileEnvironment, invalid, stringValues } from './values.ts';

/**
 * @example userClause(clause, 'user.fullname', '~', environment)
 */
export function userClause(
  clause: CqlClause,
  field: string,
  operator: PositiveOperator,
  environment: CompileEnvironment,
): Sql {
  switch (field) {
    case 'type': {
      const types = stringValues(clause, environment).map((value) => value.toLowerCase());
      const other = types.find((type) => type !== 'user');
      if (other !== undefined) {
        const value = clause.values[types.indexOf(other)]!;
        throw invalid(
          `User search only finds users: type must be user, not ${other}`,
          value,
          environment,
        );
      }
      return TRUE_SQL;
    }
    case 'user':
    case 'user.accountid':
      return memberOf('u.account_id', stringValues(clause, environment));
    case 'user.fullname':
      if (operator !== '~') return FALSE_SQL;
      return fullNameMatch(clause, environment);
    default:
      return FALSE_SQL;
  }
}

/** Every word of the value starts a word of the display name. */
function fullNameMatch(clause: CqlClause, environment: CompileEnvironment): Sql {
  const groups = textQueryOf(clause, environment).map((group) =>
    combine(
      group.map((term) => {
        const start = term.text.replace(/[\\%_]/g, (char) => `\\${char}`);
        return fragment(
          `(u.display_name LIKE ? ESCAPE '\\' OR u.display_name LIKE ? ESCAPE '\\')`,
          `${start}%`,
          `% ${start}%`,
        );
      }),
      'AND',
    ),
  );
  return combine(groups, 'OR');
}
