import net from 'node:net';

/**
 * A TCP proxy between the client and the server that a test can cut: `cut()` destroys every
 * connection and refuses new ones (accepted, then reset at once) until `restore()`.
 */
export class CuttableProxy {
  private server: net.Server;
  private readonly conns = new Set<net.Socket>();
  private down = false;
  port = 0;
  /** Connections accepted while up. */
  accepted = 0;

  constructor(private readonly targetHost: string, private readonly targetPort: number) {
    this.server = net.createServer((client) => this.onConnection(client));
  }

  static async start(target: string): Promise<CuttableProxy> {
    const u = new URL(target);
    const p = new CuttableProxy(u.hostname, Number(u.port || 80));
    await new Promise<void>((resolve) => p.server.listen(0, '127.0.0.1', () => resolve()));
    p.port = (p.server.address() as net.AddressInfo).port;
    return p;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  private onConnection(client: net.Socket): void {
    if (this.down) {
      client.resetAndDestroy();
      return;
    }
    this.accepted++;
    const upstream = net.connect(this.targetPort, this.targetHost);
    this.conns.add(client);
    this.conns.add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      this.conns.delete(client);
      this.conns.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.pipe(upstream);
    upstream.pipe(client);
  }

  /** Drops every open connection (a network loss: the client sees 1006) and refuses new ones. */
  cut(): void {
    this.down = true;
    for (const c of this.conns) c.resetAndDestroy();
    this.conns.clear();
  }

  restore(): void {
    this.down = false;
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
