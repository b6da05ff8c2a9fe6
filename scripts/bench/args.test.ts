import { parseArgs, UsageError } from './args';

describe('bench command line', () => {
  test('defaults: 50 conversations, 20 s measured after 5 s warm-up, text output', () => {
    expect(parseArgs([])).toEqual({
      json: false,
      profile: false,
      help: false,
      concurrency: 50,
      duration: 20,
      warmup: 5,
    });
  });

  test.each([
    [['--json'], { json: true }],
    [['--concurrency', '10'], { concurrency: 10 }],
    [['--concurrency=10'], { concurrency: 10 }],
    [['--duration', '2.5'], { duration: 2.5 }],
    [['--turns', '5000'], { turns: 5000 }],
    [['--warmup', '0'], { warmup: 0 }],
    [['--profile', '--json'], { profile: true, json: true }],
    [['-h'], { help: true }],
  ])('%j', (argv, want) => {
    expect(parseArgs(argv)).toMatchObject(want);
  });

  test.each([
    [['--concurrency', '0'], /--concurrency/],
    [['--concurrency', 'many'], /--concurrency/],
    [['--duration', '9999'], /--duration/],
    [['--turns', '1.5'], /--turns/],
    [['--duration'], /needs a value/],
    [['--duration', '--json'], /needs a value/],
    [['--json=yes'], /takes no value/],
    [['--fast'], /unknown option --fast/],
    [['50'], /unexpected argument "50"/],
  ])('%j is refused with a message naming the problem', (argv, message) => {
    expect(() => parseArgs(argv)).toThrow(UsageError);
    expect(() => parseArgs(argv)).toThrow(message);
  });
});
