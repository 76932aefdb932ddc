/**
 * Where the development OpenID Provider keeps its sessions, interactions,
 * codes and grants: in this process's memory, each record until it expires.
 * A restart of the stack signs everyone out, which is what a development
 * provider should do; said explicitly here instead of relying on the
 * library's quick-start default (which warns on every start).
 */
import type { Adapter, AdapterPayload } from 'oidc-provider';

const store = new Map<string, { payload: AdapterPayload; expires: number }>();
const key = (model: string, id: string) => `${model}:${id}`;

function live(k: string): AdapterPayload | undefined {
  const entry = store.get(k);
  if (!entry) return undefined;
  if (entry.expires <= Date.now()) {
    store.delete(k);
    return undefined;
  }
  return entry.payload;
}

export class MemoryAdapter implements Adapter {
  constructor(private readonly model: string) {}

  async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
    store.set(key(this.model, id), { payload, expires: Date.now() + expiresIn * 1000 });
    if (payload.grantId)
      store.set(key('grant', `${payload.grantId}:${this.model}:${id}`), {
        payload: { id } as AdapterPayload,
        expires: Date.now() + expiresIn * 1000,
      });
    if (payload.uid)
      store.set(key(`${this.model}:uid`, payload.uid), {
        payload: { id } as AdapterPayload,
        expires: Date.now() + expiresIn * 1000,
      });
    if (payload.userCode)
      store.set(key(`${this.model}:userCode`, payload.userCode), {
        payload: { id } as AdapterPayload,
        expires: Date.now() + expiresIn * 1000,
      });
  }

  async find(id: string): Promise<AdapterPayload | undefined> {
    return live(key(this.model, id));
  }

  async findByUid(uid: string): Promise<AdapterPayload | undefined> {
    const ref = live(key(`${this.model}:uid`, uid));
    return ref?.id ? this.find(String(ref.id)) : undefined;
  }

  async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
    const ref = live(key(`${this.model}:userCode`, userCode));
    return ref?.id ? this.find(String(ref.id)) : undefined;
  }

  async consume(id: string): Promise<void> {
    const payload = live(key(this.model, id));
    if (payload) payload.consumed = Math.floor(Date.now() / 1000);
  }

  async destroy(id: string): Promise<void> {
    store.delete(key(this.model, id));
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    for (const k of [...store.keys()]) {
      if (!k.startsWith(`grant:${grantId}:`)) continue;
      const [, , model, id] = k.split(':');
      store.delete(key(model!, id!));
      store.delete(k);
    }
  }
}
