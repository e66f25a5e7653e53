/**
 * The questions edgectl may ask on a terminal, through the @inquirer prompt packages (loaded only when a prompt
 * is really shown). Ctrl-C makes inquirer reject with ExitPromptError, which run-cli turns into
 * exit 130; nothing has been written by then.
 */

export interface Choice<T extends string> {
  value: T;
  name: string;
}

export interface Prompter {
  input(question: { message: string; default?: string; validate?: (value: string) => true | string }): Promise<string>;
  select<T extends string>(question: { message: string; choices: ReadonlyArray<Choice<T>>; default?: T }): Promise<T>;
}

export function inquirerPrompter(): Prompter {
  return {
    async input(question) {
      const { default: input } = await import('@inquirer/input');
      return input({
        message: question.message,
        ...(question.default === undefined ? {} : { default: question.default }),
        ...(question.validate === undefined ? {} : { validate: question.validate }),
      });
    },
    async select(question) {
      const { default: select } = await import('@inquirer/select');
      return select({
        message: question.message,
        choices: question.choices.map((choice) => ({ value: choice.value, name: choice.name })),
        ...(question.default === undefined ? {} : { default: question.default }),
      });
    },
  };
}
