import type { WebSocketLike } from '../src/index.js';

/**
 * A socket without a server, for the socket and session tests: the test opens it, sends it frames
 * and drops it with a close code; every socket made is in `FakeWS.all` (reset it per test).
 */
export class FakeWS implements WebSocketLike {
  static all: FakeWS[] = [];
  readyState = 0;
  sent: string[] = [];
  onopen: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  onclose: ((ev: { code: number; reason: string }) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  constructor(
    readonly url: string,
    readonly protocols?: string | string[],
  ) {
    FakeWS.all.push(this);
  }
  /** The most recent socket. */
  static get last(): FakeWS | undefined {
    return FakeWS.all.at(-1);
  }
  send(data: string) {
    this.sent.push(data);
  }
  close() {
    this.readyState = 3;
  }
  open() {
    this.readyState = 1;
    this.onopen?.({});
  }
  frame(e: object) {
    this.onmessage?.({ data: JSON.stringify(e) });
  }
  drop(code: number, reason = '') {
    this.readyState = 3;
    this.onclose?.({ code, reason });
  }
  get after() {
    return new URL(this.url).searchParams.get('after');
  }
}
