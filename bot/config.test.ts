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
    expect(loadConfig({ MicrosoftAppType: 'SingleTenant' }).MicrosoftAppType).toBe('SingleTenant');
  });
});
