/**
 * Argument parsers for commander options: each turns the text into a value or throws commander's
 * InvalidArgumentError, which the program reports with the option's name and exit code 2.
 */
import { InvalidArgumentError } from 'commander';

/**
 * An integer within bounds.
 *
 * @example
 * new Option('--port <port>').argParser(integerIn(0, 65_535));
 */
export function integerIn(minimum: number, maximum: number): (text: string) => number {
  return (text) => {
    const value = Number(text);
    if (
      !/^-?\d+$/.test(text.trim()) ||
      !Number.isSafeInteger(value) ||
      value < minimum ||
      value > maximum
    ) {
      throw new InvalidArgumentError(`expected an integer from ${minimum} to ${maximum}`);
    }
    return value;
  };
}

/** A JSON document (for `--params`). */
export function jsonValue(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new InvalidArgumentError(
      `not valid JSON (${(error as Error).message}); e.g. --params '{"space":"ENG"}'`,
    );
  }
}
