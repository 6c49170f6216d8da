import { describe, expect, it } from 'vitest';
import { SharedRun } from '../../src/background/serial.ts';

function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void; reject: (error: Error) => void } {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('SharedRun', () => {
  it('shares the running task with whoever asks meanwhile, and starts afresh once it settled', async () => {
    const shared = new SharedRun<number>();
    const first = deferred<number>();
    let starts = 0;
    const a = shared.run(() => (starts++, first.promise));
    const b = shared.run(() => (starts++, Promise.resolve(2)));
    expect(b).toBe(a);
    first.resolve(1);
    expect(await b).toBe(1);
    expect(await shared.run(() => (starts++, Promise.resolve(3)))).toBe(3);
    expect(starts).toBe(2);
  });

  it('runs a task asked again once after the running one, even when that one failed', async () => {
    const shared = new SharedRun<string>();
    const first = deferred<string>();
    const order: string[] = [];
    const failing = shared.run(() => first.promise);
    const again = shared.again((queued) => (order.push(`again queued=${queued}`), Promise.resolve('again')));
    // Asked twice during the same run: one follow-up, shared.
    expect(shared.again(() => Promise.resolve('other'))).toBe(again);
    first.reject(new Error('read failed'));
    await expect(failing).rejects.toThrow('read failed');
    expect(await again).toBe('again');
    expect(order).toEqual(['again queued=true']);
  });

  it('keeps working after a follow-up that failed', async () => {
    const shared = new SharedRun<string>();
    const first = deferred<string>();
    void shared.run(() => first.promise).catch(() => undefined);
    const failed = shared.again(() => Promise.reject(new Error('follow-up failed')));
    first.reject(new Error('run failed'));
    await expect(failed).rejects.toThrow('follow-up failed');
    const second = deferred<string>();
    void shared.run(() => second.promise).catch(() => undefined);
    const later = shared.again(() => Promise.resolve('later'));
    second.reject(new Error('run failed again'));
    expect(await later).toBe('later');
    expect(await shared.again((queued) => Promise.resolve(`idle queued=${queued}`))).toBe('idle queued=false');
  });
});
