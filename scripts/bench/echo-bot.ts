/**
 * The baseline for `npm run bench`: the Bot Framework echo sample, as bare as it comes — restify,
 * CloudAdapter with ConfigurationBotFrameworkAuthentication({}) (open, like Bluelamp with no app id)
 * and an ActivityHandler that echoes the text and welcomes new members. No state, no storage.
 * Run as a child process by scripts/bench.ts: PORT and HOST from the environment, SIGTERM stops it.
 *
 * This is the one botbuilder import outside bot/: it is the yardstick, not part of the service.
 */
import * as restify from 'restify';
import {
  ActivityHandler,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  MessageFactory,
} from 'botbuilder';

class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      const text = context.activity.text;
      await context.sendActivity(MessageFactory.text(`Echo: ${text}`, `Echo: ${text}`));
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      for (const member of context.activity.membersAdded ?? []) {
        if (member.id !== context.activity.recipient.id) {
          await context.sendActivity(MessageFactory.text('Hello and welcome!'));
        }
      }
      await next();
    });
  }
}

function main(): void {
  const port = Number(process.env.PORT ?? 3979);
  const host = process.env.HOST ?? '127.0.0.1';
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const bot = new EchoBot();
  adapter.onTurnError = async (context, error) => {
    process.stderr.write(`echo bot turn error: ${error.message}\n`);
    await context.sendActivity('The bot encountered an error.');
  };

  const server = restify.createServer({ name: 'echo', handleUncaughtExceptions: false });
  // The same body parser Bluelamp uses, so both pay the same for reading a request.
  server.use(restify.plugins.bodyParser({ mapParams: false, maxBodySize: 512 * 1024 }));
  server.get('/healthz', async (_req, res) => {
    await Promise.resolve();
    res.json({ status: 'ok' });
  });
  server.post('/api/messages', async (req, res) => {
    await adapter.process(req, res, (context) => bot.run(context));
  });
  server.listen(port, host);

  const stop = () => {
    server.close(() => process.exit(0));
    server.server.closeIdleConnections();
    setTimeout(() => process.exit(0), 3000).unref();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main();
