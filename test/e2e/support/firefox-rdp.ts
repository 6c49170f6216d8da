/**
 * A small client for Firefox's remote debugging protocol, the one about:debugging speaks: length-prefixed JSON
 * packets over TCP, addressed to actors. WebDriver BiDi does not reach moz-extension:// documents; this does.
 * Only what the tests use is here: the add-on's watcher (its documents and their console), evaluation in a
 * document, long strings.
 */
import { connect, type Socket } from 'node:net';

export interface Packet {
  from: string;
  type?: string;
  error?: string;
  message?: string;
  [key: string]: unknown;
}

/** A document of the add-on as the watcher announces it: the background page, an extension page in a tab. */
export interface TargetForm {
  actor: string;
  consoleActor: string;
  url: string;
  title: string;
  innerWindowId: number;
}

/** A console message or error the watcher reported, reduced to what a test reports. */
export interface ConsoleEntry {
  level: string;
  text: string;
  source: string;
}

/** Events that share an actor with requests but are not replies to them. */
const UNSOLICITED = new Set([
  'target-available-form',
  'target-destroyed-form',
  'resources-available-array',
  'resources-updated-array',
  'resources-destroyed-array',
  'evaluationResult',
  'descriptor-destroyed',
  'tabListChanged',
  'addonListChanged',
  'workerListChanged',
  'processListChanged',
  'serviceWorkerRegistrationListChanged',
  'frameUpdate',
  'tabNavigated',
  'tabDetached',
]);

type Reply = { resolve(packet: Packet): void; reject(error: Error): void };

export class RemoteDebugger {
  private buffer = Buffer.alloc(0);
  private readonly waiting = new Map<string, Reply[]>();
  private readonly listeners = new Set<(packet: Packet) => void>();
  private readonly greeting: Promise<void>;
  private closed = false;

  private constructor(private readonly socket: Socket) {
    let greeted: () => void;
    this.greeting = new Promise((resolve) => (greeted = resolve));
    let first = true;
    socket.on('data', (chunk) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      for (let packet = this.next(); packet; packet = this.next()) {
        if (first) {
          // The root actor introduces itself before anything is asked.
          first = false;
          greeted!();
          continue;
        }
        this.dispatch(packet);
      }
    });
    socket.on('close', () => {
      this.closed = true;
      for (const replies of this.waiting.values()) for (const reply of replies) reply.reject(new Error('the debugger connection closed'));
      this.waiting.clear();
    });
  }

  /** Connects to Firefox's debugger server, retrying while the browser is still starting it. */
  static async connect(port: number, timeoutMs = 20_000): Promise<RemoteDebugger> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        const socket = await new Promise<Socket>((resolve, reject) => {
          const attempt = connect(port, '127.0.0.1');
          attempt.once('connect', () => resolve(attempt));
          attempt.once('error', reject);
        });
        const client = new RemoteDebugger(socket);
        await client.greeting;
        return client;
      } catch (error) {
        if (Date.now() > deadline) throw new Error(`Firefox's debugger server did not answer on port ${port}: ${String(error)}`, { cause: error });
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
  }

  private next(): Packet | null {
    const colon = this.buffer.indexOf(0x3a);
    if (colon < 0) return null;
    const length = Number(this.buffer.subarray(0, colon).toString('latin1'));
    if (!Number.isInteger(length)) throw new Error(`unexpected debugger packet header: ${this.buffer.subarray(0, colon).toString('latin1')}`);
    if (this.buffer.length < colon + 1 + length) return null;
    const packet = JSON.parse(this.buffer.subarray(colon + 1, colon + 1 + length).toString('utf8')) as Packet;
    this.buffer = this.buffer.subarray(colon + 1 + length);
    return packet;
  }

  private dispatch(packet: Packet): void {
    for (const listener of this.listeners) listener(packet);
    if (packet.type !== undefined && UNSOLICITED.has(packet.type)) return;
    const replies = this.waiting.get(packet.from);
    const reply = replies?.shift();
    if (!reply) return;
    if (packet.error) reply.reject(new Error(`${packet.from}: ${packet.error}: ${packet.message ?? ''}`));
    else reply.resolve(packet);
  }

  /** Every packet, as it arrives (events included); returns a function that stops listening. */
  listen(listener: (packet: Packet) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Sends a request to an actor and resolves with its reply (an actor answers its requests in order). */
  request(to: string, type: string, body: Record<string, unknown> = {}): Promise<Packet> {
    if (this.closed) return Promise.reject(new Error('the debugger connection is closed'));
    return new Promise((resolve, reject) => {
      const replies = this.waiting.get(to) ?? [];
      replies.push({ resolve, reject });
      this.waiting.set(to, replies);
      const json = Buffer.from(JSON.stringify({ to, type, ...body }), 'utf8');
      this.socket.write(`${json.length}:`);
      this.socket.write(json);
    });
  }

  /**
   * Evaluates `text` in a document through its console actor. A promise result is awaited (what the console
   * does for top-level await); an exception rejects with its message.
   */
  async evaluate(consoleActor: string, text: string): Promise<unknown> {
    let resultId: string | undefined;
    const early = new Map<string, Packet>();
    let settle: ((packet: Packet) => void) | undefined;
    const stop = this.listen((packet) => {
      if (packet.type !== 'evaluationResult' || packet.from !== consoleActor) return;
      const id = packet.resultID as string;
      if (id === resultId) settle?.(packet);
      else early.set(id, packet);
    });
    try {
      const started = await this.request(consoleActor, 'evaluateJSAsync', { text, mapped: { await: true } });
      resultId = started.resultID as string;
      const packet = early.get(resultId) ?? (await new Promise<Packet>((resolve) => (settle = resolve)));
      if (packet.hasException || packet.topLevelAwaitRejected) {
        const message = packet.exceptionMessage ?? packet.result;
        throw new Error(`evaluation failed: ${typeof message === 'string' ? message : JSON.stringify(message)}`);
      }
      return await this.value(packet.result);
    } finally {
      stop();
    }
  }

  /** A grip's value: primitives as they are, long strings read in full; objects are not expected here. */
  private async value(grip: unknown): Promise<unknown> {
    if (grip === null || typeof grip !== 'object') return grip;
    const typed = grip as { type?: string; actor?: string; length?: number };
    if (typed.type === 'undefined') return undefined;
    if (typed.type === 'null') return null;
    if (typed.type === 'longString') {
      const reply = await this.request(typed.actor!, 'substring', { start: 0, end: typed.length });
      return reply.substring;
    }
    throw new Error(`evaluation returned an object (${typed.type ?? 'unknown'}); return JSON instead`);
  }

  close(): void {
    this.socket.destroy();
  }
}
