// The POS's one IndexedDB database: the local catalog, the outbox of sales, the provisional receipts and a few settings.
// Thin adapters over `idb` (a 1 kB promise wrapper: transactions that auto-commit correctly, no callback plumbing);
// the rules live in catalogo.js and outbox.js, which take these adapters as parameters so node tests can run them.
//
// Upgrades are steps, one per version, applied in order and never destructive: a cashier's unsent sales survive any
// deploy. A new version adds a step at the end; it must never delete or recreate a store that holds user data.
import { openDB } from 'idb';

export const DB_NAME = 'blendpos-pos';

/** A request whose failure is reported by its transaction (tx.done), not as an unhandled rejection of its own. */
const req = (p) => {
  p.catch(() => null);
  return p;
};

/** @type {((db: import('idb').IDBPDatabase, tx: import('idb').IDBPTransaction<any, any, 'versionchange'>) => void)[]} */
export const MIGRACIONES = [
  // v1: catalog by product id (barcode index), outbox in insertion order (unique sale id), key-value settings.
  (db) => {
    const catalogo = db.createObjectStore('catalogo', { keyPath: 'id' });
    catalogo.createIndex('barcode', 'barcode');
    const outbox = db.createObjectStore('outbox', { keyPath: 'seq', autoIncrement: true });
    outbox.createIndex('id', 'id', { unique: true }); // the same sale can never be queued twice
    db.createObjectStore('meta');
  },
  // v2: provisional receipts, kept after their sale leaves the outbox so a reprint still works (pruned by age).
  (db, tx) => {
    const recibos = db.createObjectStore('recibos', { keyPath: 'id' });
    recibos.createIndex('creado', 'creado');
    tx.objectStore('outbox').createIndex('estado', 'estado');
  },
  // v3: the full catalog as blocks of products (see almacenCatalogo). What v1/v2 wrote in `catalogo` stays valid: it
  // is read as changes on top of (still empty) blocks, until the next full load replaces both.
  (db) => {
    db.createObjectStore('catalogo_bloques', { keyPath: 'n' });
  },
];

export const DB_VERSION = MIGRACIONES.length;

/**
 * Opens (and upgrades) the database. Another tab holding an older version gets `versionchange` and closes its
 * connection, so a deploy never waits on a forgotten tab; that tab then reloads onto the new scripts (onBloqueo).
 * @param {{ nombre?: string, version?: number, onCerrada?: () => void }} [opts]
 */
export function abrirDb({ nombre = DB_NAME, version = DB_VERSION, onCerrada } = {}) {
  return openDB(nombre, version, {
    upgrade(db, oldVersion, newVersion, tx) {
      for (let v = oldVersion; v < (newVersion ?? version); v++) MIGRACIONES[v](db, tx);
    },
    blocking() {
      // A newer version wants to upgrade: step aside (our data is safe on disk) and let the page know.
      dbAbierta?.close();
      onCerrada?.();
    },
  }).then((db) => {
    dbAbierta = db;
    return db;
  });
}
/** @type {import('idb').IDBPDatabase | null} */
let dbAbierta = null;

// ---- meta -------------------------------------------------------------------------------------------------------

/** @param {import('idb').IDBPDatabase} db @param {string} clave */
export const leerMeta = (db, clave) => db.get('meta', clave);
/** @param {import('idb').IDBPDatabase} db @param {string} clave @param {unknown} valor */
export const guardarMeta = (db, clave, valor) => db.put('meta', valor, clave);

// ---- catalog ----------------------------------------------------------------------------------------------------

/**
 * Products per record of a full load. IndexedDB's cost is per record, not per byte: 49,000 put()s of one product take
 * ~3-4 s in Chromium on a 2-core machine (index or not, any durability), 49 records of 1,000 products ~0.1-0.2 s.
 */
export const PRODUCTOS_POR_BLOQUE = 1000;

/**
 * The catalog from its two stores: the blocks of the last full load, then the products the deltas changed since
 * (`catalogo`, one record per product, keyed by id; a deleted one is a tombstone `{ id, eliminado: true }`).
 * @param {{ n: number, productos: any[] }[]} bloques
 * @param {any[]} cambios
 */
export function unirCatalogo(bloques, cambios) {
  if (cambios.length === 0) return bloques.flatMap((b) => b.productos);
  const porId = new Map();
  for (const b of bloques) for (const p of b.productos) porId.set(p.id, p);
  for (const c of cambios) {
    if (c.eliminado) porId.delete(c.id);
    else porId.set(c.id, c);
  }
  return [...porId.values()];
}

/**
 * Changes on top of the blocks beyond which a delta rewrites the whole catalog as blocks (a supplier's price list can
 * change 40,000 products at once: as many single records would cost seconds to write and to read at every start).
 */
export const COMPACTAR_DESDE = 5 * PRODUCTOS_POR_BLOQUE;

/** Clears both catalog stores and writes `productos` as blocks, inside the caller's transaction. */
function escribirBloques(tx, productos) {
  const bloques = tx.objectStore('catalogo_bloques');
  req(bloques.clear());
  req(tx.objectStore('catalogo').clear());
  for (let i = 0, n = 0; i < productos.length; i += PRODUCTOS_POR_BLOQUE, n++) {
    req(bloques.put({ n, productos: productos.slice(i, i + PRODUCTOS_POR_BLOQUE) }));
  }
}

/** The cursor and the time of the catalog's last update, inside the caller's transaction. */
function moverCursor(tx, cursor) {
  req(tx.objectStore('meta').put(cursor, 'cursor'));
  req(tx.objectStore('meta').put(Date.now(), 'catalogo_actualizado'));
}

/**
 * The catalog store as catalogo.js sees it. A full load writes blocks of PRODUCTOS_POR_BLOQUE products (one record
 * each); a delta writes one record per changed product on top of them (a put by id replaces the previous change of
 * the same product), or, past COMPACTAR_DESDE changes, the merged catalog as blocks again.
 * @param {import('idb').IDBPDatabase} db
 */
export function almacenCatalogo(db) {
  return {
    async todas() {
      const tx = db.transaction(['catalogo_bloques', 'catalogo'], 'readonly');
      const [bloques, cambios] = await Promise.all([tx.objectStore('catalogo_bloques').getAll(), tx.objectStore('catalogo').getAll()]);
      await tx.done;
      return unirCatalogo(bloques, cambios);
    },
    leerCursor: () => db.get('meta', 'cursor'),
    /** Replaces the whole catalog and the cursor in one transaction (a full load). */
    async reemplazar(productos, cursor) {
      const tx = db.transaction(['catalogo_bloques', 'catalogo', 'meta'], 'readwrite');
      escribirBloques(tx, productos);
      moverCursor(tx, cursor);
      await tx.done;
    },
    /** Applies a delta and moves the cursor in one transaction: a crash never leaves a cursor ahead of its data. */
    async aplicar(productos, eliminados, cursor) {
      const tx = db.transaction(['catalogo_bloques', 'catalogo', 'meta'], 'readwrite');
      const store = tx.objectStore('catalogo');
      const nuevos = [...productos, ...eliminados.map((id) => ({ id, eliminado: true }))];
      if ((await store.count()) + nuevos.length > COMPACTAR_DESDE) {
        const [bloques, previos] = await Promise.all([tx.objectStore('catalogo_bloques').getAll(), store.getAll()]);
        escribirBloques(tx, unirCatalogo(bloques, [...previos, ...nuevos]));
      } else {
        for (const c of nuevos) req(store.put(c));
      }
      moverCursor(tx, cursor);
      await tx.done;
    },
  };
}

// ---- outbox -----------------------------------------------------------------------------------------------------

/**
 * The outbox store as outbox.js sees it. Entries: { seq, id, venta, estado, intentos, proximo_intento, error, ... }.
 * @param {import('idb').IDBPDatabase} db
 */
export function almacenOutbox(db) {
  return {
    /** Every entry in insertion order (seq). */
    todas: () => db.getAll('outbox'),
    /**
     * Queues a sale and its provisional receipt in ONE transaction. A sale id already queued is not queued again
     * (the unique index refuses it): a double submit stays one sale. Resolves to true when it was added.
     */
    async agregar(entrada, recibo) {
      const tx = db.transaction(['outbox', 'recibos'], 'readwrite');
      const existente = await tx.objectStore('outbox').index('id').getKey(entrada.id);
      if (existente !== undefined) {
        await tx.done;
        return false;
      }
      try {
        req(tx.objectStore('outbox').add(entrada));
        if (recibo) req(tx.objectStore('recibos').put(recibo));
      } catch (e) {
        tx.abort(); // a request that throws does not abort by itself: without this the sale would commit alone
        await tx.done.catch(() => null);
        throw e;
      }
      await tx.done;
      return true;
    },
    /** Writes the given entries (state changes) and removes the ids in `quitar`, in one transaction. */
    async actualizar(cambios, quitar = [], recibos = []) {
      const tx = db.transaction(['outbox', 'recibos'], 'readwrite');
      try {
        const store = tx.objectStore('outbox');
        for (const e of cambios) req(store.put(e));
        for (const seq of quitar) req(store.delete(seq));
        const rs = tx.objectStore('recibos');
        for (const r of recibos) {
          const previo = await rs.get(r.id);
          if (previo) req(rs.put({ ...previo, ...r }));
        }
      } catch (e) {
        tx.abort();
        await tx.done.catch(() => null);
        throw e;
      }
      await tx.done;
    },
    /**
     * Rewrites one entry with `cambio(entrada)` in one transaction (read and write together, so another tab's
     * change in between is never overwritten). `cambio` returns null to leave it as it is. Resolves to what was written.
     */
    async cambiar(seq, cambio) {
      const tx = db.transaction('outbox', 'readwrite');
      const actual = await tx.store.get(seq);
      const nueva = actual ? cambio(actual) : null;
      if (nueva) req(tx.store.put(nueva));
      await tx.done;
      return nueva;
    },
    async contar() {
      const todas = await db.getAll('outbox');
      return {
        pendientes: todas.filter((e) => e.estado !== 'rechazada').length,
        rechazadas: todas.filter((e) => e.estado === 'rechazada').length,
      };
    },
  };
}

// ---- receipts ---------------------------------------------------------------------------------------------------

/** @param {import('idb').IDBPDatabase} db @param {string} id */
export const leerRecibo = (db, id) => db.get('recibos', id);

/** Drops receipts older than `dias` whose sale already left the outbox. */
export async function podarRecibos(db, dias = 7, ahora = Date.now()) {
  const tx = db.transaction(['recibos', 'outbox'], 'readwrite');
  const limite = ahora - dias * 86_400_000;
  const viejos = await tx.objectStore('recibos').index('creado').getAll(IDBKeyRange.upperBound(limite));
  for (const r of viejos) {
    const enOutbox = await tx.objectStore('outbox').index('id').getKey(r.id);
    if (enOutbox === undefined) tx.objectStore('recibos').delete(r.id);
  }
  await tx.done;
}
