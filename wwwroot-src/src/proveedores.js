// «Importar lista» (/proveedores/importar): a progress bar while a large price list uploads, then «Procesando…» while
// the server reads and checks it. htmx reports upload progress with htmx:xhr:progress (no inline script: strict CSP).
function box(evt) {
  const form = evt.target instanceof Element ? evt.target.closest('[data-importar]') : null;
  return form ? form.querySelector('[data-progreso]') : null;
}

document.addEventListener('htmx:beforeRequest', (evt) => {
  const progreso = box(evt);
  if (!progreso) return;
  progreso.querySelector('progress').value = 0;
  progreso.querySelector('[data-progreso-texto]').textContent = 'Subiendo el archivo…';
  progreso.classList.remove('hidden');
});

document.addEventListener('htmx:xhr:progress', (evt) => {
  const progreso = box(evt);
  if (!progreso || !evt.detail.lengthComputable || !evt.detail.total) return;
  const pct = Math.round((evt.detail.loaded * 100) / evt.detail.total);
  progreso.querySelector('progress').value = pct;
  progreso.querySelector('[data-progreso-texto]').textContent =
    pct < 100 ? `Subiendo el archivo… ${pct} %` : 'Procesando la lista (una lista grande tarda unos segundos)…';
});

document.addEventListener('htmx:afterRequest', (evt) => {
  const progreso = box(evt);
  if (progreso) progreso.classList.add('hidden');
});
