import type { IsolationLevel, SqlDriverAdapter, SqlDriverAdapterFactory, Transaction } from '@prisma/driver-adapter-utils';

/**
 * Wraps a Prisma driver adapter so that a transaction sends one statement at
 * a time on its connection.
 *
 * Why: Prisma's query interpreter loads a read's relations in parallel (the
 * `join` node awaits its children with Promise.all). Outside a transaction
 * each query takes its own pooled connection; inside one they all share the
 * transaction's single pg client, which then queues them — deprecated since
 * pg 8.19 ("Calling client.query() when the client is already executing a
 * query") and an error in pg 9. Queuing them here instead costs nothing: one
 * connection runs one statement at a time either way. Upstream:
 * prisma/orm#29646, fix proposed in prisma/orm#29979 (adapter-pg 7.10.1 still
 * has it); once that ships this wrapper can go.
 */
export class SerialTransactionAdapterFactory implements SqlDriverAdapterFactory {
  readonly provider: SqlDriverAdapterFactory['provider'];
  readonly adapterName: string;

  constructor(private readonly inner: SqlDriverAdapterFactory) {
    this.provider = inner.provider;
    this.adapterName = inner.adapterName;
  }

  async connect(): Promise<SqlDriverAdapter> {
    return serialTransactions(await this.inner.connect());
  }
}

function serialTransactions(adapter: SqlDriverAdapter): SqlDriverAdapter {
  return forwarding(adapter, {
    startTransaction: async (isolationLevel?: IsolationLevel) => oneStatementAtATime(await adapter.startTransaction(isolationLevel)),
  });
}

/** Everything that talks to the connection waits for what was sent before it. */
function oneStatementAtATime(transaction: Transaction): Transaction {
  let tail: Promise<unknown> = Promise.resolve();
  const inTurn =
    <A extends unknown[], R>(run: (...args: A) => Promise<R>) =>
    (...args: A): Promise<R> => {
      const result = tail.then(() => run.apply(transaction, args));
      tail = result.catch(() => undefined);
      return result;
    };
  return forwarding(transaction, {
    queryRaw: inTurn(transaction.queryRaw),
    executeRaw: inTurn(transaction.executeRaw),
    commit: inTurn(transaction.commit),
    rollback: inTurn(transaction.rollback),
    ...(transaction.createSavepoint && { createSavepoint: inTurn(transaction.createSavepoint) }),
    ...(transaction.rollbackToSavepoint && { rollbackToSavepoint: inTurn(transaction.rollbackToSavepoint) }),
    ...(transaction.releaseSavepoint && { releaseSavepoint: inTurn(transaction.releaseSavepoint) }),
  });
}

/** `target` with some members replaced; every other member read from (and called on) `target`. */
function forwarding<T extends object>(target: T, overrides: Partial<T>): T {
  return new Proxy(target, {
    get(object, key) {
      if (Object.hasOwn(overrides, key)) return overrides[key as keyof T];
      const value: unknown = Reflect.get(object, key, object);
      return typeof value === 'function' ? value.bind(object) : value;
    },
  });
}
