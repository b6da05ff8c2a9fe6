import { setup, createActor } from 'xstate';
import { getShortestPaths } from 'xstate/graph';
import { z } from 'zod';
import i18next from 'i18next';
import { PGlite } from '@electric-sql/pglite';
import { CloudAdapter } from 'botbuilder';
import * as restify from 'restify';

test('the pinned libraries load together under ts-jest (CommonJS)', async () => {
  const m = setup({}).createMachine({ initial: 'a', states: { a: { on: { GO: 'b' } }, b: {} } });
  const a = createActor(m).start();
  a.send({ type: 'GO' });
  expect(a.getSnapshot().value).toBe('b');
  expect(getShortestPaths(m).length).toBe(2);
  expect(z.string().parse('x')).toBe('x');
  const i = i18next.createInstance();
  await i.init({ lng: 'en', resources: { en: { translation: { hi: 'Hello {{n}}' } } } });
  expect(i.t('hi', { n: 'A' })).toBe('Hello A');
  const db = await PGlite.create();
  const r = await db.query<{ x: number }>('select 1 as x');
  expect(r.rows[0]?.x).toBe(1);
  await db.close();
  expect(typeof CloudAdapter).toBe('function');
  expect(typeof restify.createServer).toBe('function');
});
