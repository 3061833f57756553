// The local catalog: what the POS needs to sell without the server (barcode, name, price, packs), kept in IndexedDB
// and in memory. Pure rules + an orchestration that takes its store and fetch as parameters (tested with node --test).
//
// - Full load: GET /v1/productos/sync (no cursor) replaces everything. Delta: ?cursor= upserts `items`, deletes
//   `eliminados`, moves the cursor. A 400 on a cursor means "start over": a full load follows.
// - In memory: a Map barcode → product (a scan is one Map look-up, far under 16 ms with 50,000 products) and, per
//   product, its name folded to lowercase without accents for the local name search.

/**
 * The slim record kept per product (the server's Producto JSON has more than a till needs).
 * @param {any} p Producto JSON (snake_case)
 */
export function aRegistro(p) {
  return {
    id: p.id,
    barcode: p.codigo_barras,
    nombre: p.nombre,
    precio: Number(p.precio_venta),
    categoria: p.categoria ?? '',
    stock: Number(p.stock_actual ?? 0),
    es_padre: Boolean(p.es_padre),
    hijos: (p.hijos ?? []).map((h) => ({ id: h.producto_hijo_id, unidades: h.unidades_por_padre, auto: Boolean(h.desarme_auto) })),
  };
}

/** Lowercase, accents and ñ folded ("Ñandú Café" → "nandu cafe"), runs of spaces collapsed. */
export function plegar(texto) {
  return String(texto ?? '')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** The in-memory catalog: look-up by barcode or id, and the name search. */
export class IndiceCatalogo {
  constructor(productos = []) {
    /** @type {Map<string, any>} */ this.porId = new Map();
    /** @type {Map<string, any>} */ this.porBarcode = new Map();
    /** @type {Map<string, string>} */ this.plegados = new Map();
    for (const p of productos) this.poner(p);
  }

  get size() {
    return this.porId.size;
  }

  poner(p) {
    const previo = this.porId.get(p.id);
    if (previo && this.porBarcode.get(previo.barcode) === previo) this.porBarcode.delete(previo.barcode); // barcode changed
    this.porId.set(p.id, p);
    this.porBarcode.set(p.barcode, p);
    this.plegados.set(p.id, plegar(p.nombre));
  }

  quitar(id) {
    const previo = this.porId.get(id);
    if (!previo) return;
    this.porId.delete(id);
    this.plegados.delete(id);
    if (this.porBarcode.get(previo.barcode) === previo) this.porBarcode.delete(previo.barcode);
  }

  /** @param {string} barcode */
  buscarBarcode(barcode) {
    return this.porBarcode.get(barcode) ?? null;
  }

  /**
   * Products whose folded name contains every word of the query; names that start with the first word come first,
   * then alphabetical. At least 2 characters, like the server's search.
   * @param {string} q
   * @param {number} [limite]
   */
  buscarNombre(q, limite = 10) {
    const palabras = plegar(q).split(' ').filter(Boolean);
    if (palabras.join('').length < 2) return [];
    const hallados = [];
    for (const [id, nombre] of this.plegados) {
      if (palabras.every((w) => nombre.includes(w))) hallados.push({ p: this.porId.get(id), nombre });
    }
    const primera = palabras[0];
    hallados.sort((a, b) => {
      const pa = a.nombre.startsWith(primera) ? 0 : 1;
      const pb = b.nombre.startsWith(primera) ? 0 : 1;
      return pa - pb || a.nombre.localeCompare(b.nombre, 'es');
    });
    return hallados.slice(0, limite).map((h) => h.p);
  }
}

export const SYNC_URL = '/v1/productos/sync';

/**
 * Performance marks of a full load, read by `./blendpos bench catalogo-offline` (and visible in DevTools): the full
 * download starts, the JSON is parsed, the slim records are made, IndexedDB committed them, the in-memory index holds
 * them. Marks cost microseconds; a browser without the API simply skips them.
 */
export const MARCAS = Object.freeze({
  inicio: 'catalogo:completa:inicio',
  json: 'catalogo:completa:json',
  registros: 'catalogo:completa:registros',
  guardado: 'catalogo:completa:guardado',
  indice: 'catalogo:completa:indice',
});
const marcar = (nombre) => globalThis.performance?.mark?.(nombre);

/**
 * Brings the store (and the in-memory index) up to date with the server.
 * @param {{ fetch: typeof fetch, almacen: ReturnType<typeof import('./db.js').almacenCatalogo>, indice?: IndiceCatalogo }} deps
 * @returns {Promise<{ tipo: 'completa' | 'delta', cambios: number, eliminados: number, ms: number }>}
 *   Throws on a network error or an unexpected answer (the caller keeps the catalog it has and tries later).
 */
export async function sincronizarCatalogo({ fetch, almacen, indice }) {
  const t0 = Date.now();
  const cursor = await almacen.leerCursor();
  if (cursor) {
    const r = await fetch(`${SYNC_URL}?cursor=${encodeURIComponent(cursor)}`, { credentials: 'same-origin', cache: 'no-store' });
    if (r.ok) {
      const body = await r.json();
      const items = (body.items ?? []).map(aRegistro);
      const eliminados = body.eliminados ?? [];
      await almacen.aplicar(items, eliminados, body.cursor);
      if (indice) {
        for (const p of items) indice.poner(p);
        for (const id of eliminados) indice.quitar(id);
      }
      return { tipo: 'delta', cambios: items.length, eliminados: eliminados.length, ms: Date.now() - t0 };
    }
    if (r.status !== 400) throw new Error(`sync del catálogo: HTTP ${r.status}`);
    // 400: the cursor is not valid here any more (a restore, another server): start over.
  }
  marcar(MARCAS.inicio);
  const r = await fetch(SYNC_URL, { credentials: 'same-origin', cache: 'no-store' });
  if (!r.ok) throw new Error(`sync del catálogo: HTTP ${r.status}`);
  const body = await r.json();
  marcar(MARCAS.json);
  const items = (body.items ?? []).map(aRegistro);
  marcar(MARCAS.registros);
  await almacen.reemplazar(items, body.cursor);
  marcar(MARCAS.guardado);
  if (indice) {
    for (const id of [...indice.porId.keys()]) indice.quitar(id);
    for (const p of items) indice.poner(p);
  }
  marcar(MARCAS.indice);
  return { tipo: 'completa', cambios: items.length, eliminados: 0, ms: Date.now() - t0 };
}
