namespace BlendPos.Domain;

// Stored and serialized in snake_case ("pendiente_cierre"), as the seed names them.

public enum MetodoPago { Efectivo, Debito, Credito, Transferencia }

public enum EstadoSesionCaja { Abierta, PendienteCierre, Cerrada }

public enum TipoMovimientoCaja { Venta, IngresoManual, EgresoManual, Anulacion }

public enum ClasificacionDesvio { Normal, Warning, Critico }

public enum EstadoVenta { Completada, Anulada }

public enum TipoComprobante { FacturaA, FacturaB, FacturaC, NotaCreditoA, NotaCreditoB, NotaCreditoC, Ticket }

public enum EstadoComprobante { Pendiente, Emitido, Error }

/// <summary>Why a product's stock changed; one row per change in <c>movimientos_stock</c>.</summary>
public enum TipoMovimientoStock { Alta, Venta, Anulacion, DesarmeSalida, DesarmeEntrada, Ajuste, Importacion, SyncOffline }

/// <summary>Invoicing mode: disabled (internal tickets only), AFIP's test environment, or production.</summary>
public enum ModoFacturacion { Deshabilitado, Homologacion, Produccion }

/// <summary>The issuer's VAT condition: decides the letter (AFIP.md "Which letter").</summary>
public enum CondicionIvaEmisor { ResponsableInscripto, Monotributo }

/// <summary>The e-mail of an emitted document to its receptor; its own retries, never the comprobante's state.</summary>
public enum EstadoCorreo { Pendiente, Enviado, Error }
