// Closing a server with live sockets and a request in flight: sockets get 1001, the in-flight
// request gets its answer, and close() returns promptly instead of waiting out keep-alive.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, startServerDatabase, testServer, type ServerDatabase } from './serverHarness';
import { openLive } from './serverLiveSupport';

let db: ServerDatabase;

beforeAll(async () => {
  db = await startServerDatabase();
});
afterAll(async () => {
  await db?.stop();
});

describe('server shutdown', () => {
  it('closes live sockets with 1001 and does not wait for keep-alive connections', async () => {
    const app = await testServer(db.pool);
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    const pair = await login(app, 'operator');
    const socket = await openLive(url);
    socket.send({ type: 'hello', token: pair.accessToken, deviceId: 'shutdown' });
    await socket.next('welcome');

    // A request held in flight by a lock on users, released only after close() has begun.
    const locker = await db.pool.connect();
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE users IN ACCESS EXCLUSIVE MODE');
    const inFlight = fetch(`${url}/api/v1/auth/me`, {
      headers: { authorization: `Bearer ${pair.accessToken}` },
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const started = Date.now();
    const closing = app.close();
    setTimeout(() => {
      void locker.query('COMMIT').finally(() => locker.release());
    }, 300);
    expect((await socket.closed()).code).toBe(1001);
    const answer = await inFlight;
    expect(answer.status).toBe(200);
    expect(answer.headers.get('connection')).toBe('close');
    await closing;
    expect(Date.now() - started).toBeLessThan(5_000);
    const { rows } = await db.pool.query('SELECT connected FROM agents WHERE user_id = $1', [pair.user.id]);
    expect(rows).toEqual([{ connected: false }]);
  });
});
