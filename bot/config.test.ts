import { join } from 'node:path';
import { ConfigError, loadConfig } from './config';

describe('configuration from the environment', () => {
  test('the embedded defaults: port 3978, ./data, the NDJSON drop inside it', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(3978);
    expect(config.DATA_DIR).toBe('./data');
    expect(config.RECORDS_DIR).toBe(join('./data', 'records'));
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.MicrosoftAppId).toBeUndefined();
  });

  test('the NDJSON drop follows DATA_DIR unless RECORDS_DIR is set', () => {
    expect(loadConfig({ DATA_DIR: '/srv/bluelamp' }).RECORDS_DIR).toBe('/srv/bluelamp/records');
    expect(loadConfig({ DATA_DIR: '/srv/bluelamp', RECORDS_DIR: '/mnt/drop' }).RECORDS_DIR).toBe(
      '/mnt/drop',
    );
  });

  test.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ MicrosoftAppType: 'Multitenant' }, 'MicrosoftAppType'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ RECORDS_WEBHOOK_URL: 'https://records.example/in' }, 'RECORDS_WEBHOOK_SECRET'],
    [{ LANGUAGE_ENDPOINT: 'https://x.cognitiveservices.azure.com' }, 'LANGUAGE_KEY'],
  ])('%j stops the start with a message naming %s', (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(name);
  });

  test('blank values count as unset (deployment templates leave them empty)', () => {
    const config = loadConfig({ MicrosoftAppType: '', MicrosoftAppId: ' ', DATABASE_URL: '' });
    expect(config.MicrosoftAppType).toBeUndefined();
    expect(config.MicrosoftAppId).toBeUndefined();
    expect(config.DATABASE_URL).toBeUndefined();
    const singleTenant = {
      MicrosoftAppId: 'app',
      MicrosoftAppPassword: 'secret',
      MicrosoftAppTenantId: 'tenant',
      MicrosoftAppType: 'SingleTenant',
    };
    expect(loadConfig(singleTenant).MicrosoftAppType).toBe('SingleTenant');
  });

  test('blank values with a default get the default (PORT= is not port 0, a random port)', () => {
    const config = loadConfig({ PORT: '', HOST: ' ', DATA_DIR: '', LOG_LEVEL: '' });
    expect(config).toMatchObject({ PORT: 3978, HOST: '0.0.0.0', DATA_DIR: './data' });
    expect(config.LOG_LEVEL).toBe('info');
  });

  test.each([
    [
      { RECORDS_WEBHOOK_URL: 'records.example/in', RECORDS_WEBHOOK_SECRET: 's' },
      'RECORDS_WEBHOOK_URL',
    ],
    [
      { RECORDS_WEBHOOK_URL: 'ftp://records.example', RECORDS_WEBHOOK_SECRET: 's' },
      'RECORDS_WEBHOOK_URL',
    ],
    [{ LANGUAGE_ENDPOINT: 'not a url', LANGUAGE_KEY: 'k' }, 'LANGUAGE_ENDPOINT'],
    // Large enough that `now - n days` is no longer a Date: every purge would fail.
    [{ RECORDS_RETENTION_DAYS: '1e9' }, 'RECORDS_RETENTION_DAYS'],
    [{ IDLE_EXPIRY_MINUTES: '1e100' }, 'IDLE_EXPIRY_MINUTES'],
    // botbuilder would stop these with an assertion's stack trace, or run unauthenticated.
    [{ MicrosoftAppPassword: 'secret' }, 'MicrosoftAppId'],
    [{ MicrosoftAppType: 'SingleTenant' }, 'MicrosoftAppId'],
    [
      { MicrosoftAppId: 'a', MicrosoftAppPassword: 'p', MicrosoftAppType: 'SingleTenant' },
      'MicrosoftAppTenantId',
    ],
    [{ MicrosoftAppId: 'a', MicrosoftAppType: 'UserAssignedMSI' }, 'MicrosoftAppTenantId'],
    [
      {
        MicrosoftAppId: 'a',
        MicrosoftAppPassword: 'p',
        MicrosoftAppType: 'UserAssignedMSI',
        MicrosoftAppTenantId: 't',
      },
      'MicrosoftAppPassword',
    ],
    [{ MicrosoftAppId: 'a' }, 'MicrosoftAppPassword'],
  ])('%j stops the start naming %s', (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(name);
  });

  test('a managed identity needs the app id and tenant only', () => {
    const env = {
      MicrosoftAppId: 'a',
      MicrosoftAppType: 'UserAssignedMSI',
      MicrosoftAppTenantId: 't',
    };
    expect(loadConfig(env).MicrosoftAppType).toBe('UserAssignedMSI');
  });
});

test('DIRECTLINE_TOKEN_SECRET: optional, and too short a secret stops the start', () => {
  expect(loadConfig({}).DIRECTLINE_TOKEN_SECRET).toBeUndefined();
  expect(loadConfig({ DIRECTLINE_TOKEN_SECRET: 's'.repeat(32) }).DIRECTLINE_TOKEN_SECRET).toBe(
    's'.repeat(32),
  );
  expect(() => loadConfig({ DIRECTLINE_TOKEN_SECRET: 'short' })).toThrow(
    /DIRECTLINE_TOKEN_SECRET: must be at least 32 characters/,
  );
});
