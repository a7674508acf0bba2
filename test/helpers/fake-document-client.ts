import { DynamoDBDocumentClient, type DocumentCommand } from '../../shared/adapters/dynamodb/document-client';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any command class, whatever its input and output
type CommandClass = new (input: any) => DocumentCommand<any, any>;
type InputOf<C extends CommandClass> = InstanceType<C>['input'];
type OutputOf<C extends CommandClass> = NonNullable<InstanceType<C>['output']>;
type Answer = (input: unknown) => unknown;

export interface FakeAnswers<C extends CommandClass> {
  resolves(output: Partial<OutputOf<C>>): FakeAnswers<C>;
  resolvesOnce(output: Partial<OutputOf<C>>): FakeAnswers<C>;
  rejects(error: Error): FakeAnswers<C>;
  callsFake(answer: (input: InputOf<C>) => Partial<OutputOf<C>> | Promise<Partial<OutputOf<C>>>): FakeAnswers<C>;
}

/**
 * The engine's document client with DynamoDB replaced by answers set per command class, for
 * adapter tests that check what is sent and how answers are read. A command without an answer
 * gets `undefined`, as a real call never would: the test set up too little.
 *
 * @example
 * const dynamo = fakeDocumentClient();
 * dynamo.on(GetCommand).resolves({ Item: brandItem(aBrand()) });
 * await createDynamoBrandDirectory(dynamo.client, 'engine').getBrand('brand-cn');
 * dynamo.commandCalls(GetCommand)[0]!.args[0].input.Key;
 */
export function fakeDocumentClient() {
  const answers = new Map<CommandClass, { once: Answer[]; always?: Answer }>();
  const sent: DocumentCommand<unknown, unknown>[] = [];

  class FakeDocumentClient extends DynamoDBDocumentClient {
    override async send<Output>(command: DocumentCommand<unknown, Output>): Promise<Output> {
      sent.push(command);
      const entry = answers.get(command.constructor as CommandClass);
      const answer = entry?.once.shift() ?? entry?.always;
      return (await answer?.(command.input)) as Output;
    }
  }

  function on<C extends CommandClass>(command: C): FakeAnswers<C> {
    const entry = answers.get(command) ?? { once: [] };
    answers.set(command, entry);
    const chain: FakeAnswers<C> = {
      resolves: (output) => ((entry.always = () => output), chain),
      resolvesOnce: (output) => (entry.once.push(() => output), chain),
      rejects: (error) => ((entry.always = () => Promise.reject(error)), chain),
      callsFake: (answer) => ((entry.always = answer as Answer), chain),
    };
    return chain;
  }

  return {
    client: new FakeDocumentClient({ transport: () => Promise.reject(new Error('the fake document client sends nothing')) }) as DynamoDBDocumentClient,
    on,
    /** Each command of this class sent so far, in order (`args[0]` is the command, as aws-sdk-client-mock reported it). */
    commandCalls: <C extends CommandClass>(command: C): { args: [InstanceType<C>] }[] =>
      sent.filter((sentCommand) => sentCommand.constructor === command).map((sentCommand) => ({ args: [sentCommand as InstanceType<C>] })),
    reset(): void {
      answers.clear();
      sent.length = 0;
    },
  };
}
