using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BlendPos.Web.Features.Reportes;

// The daily summary tables the reports read for ended days (Domain.Reportes.ResumenDiario, ResumenJob). They are
// written only by the job, with SQL; these classes exist so the EF model (and its migrations) know the tables.

/// <summary>
/// One row per Argentine day the job summarized: its UTC bounds [desde, hasta), as the app's TimeZoneInfo computed
/// them, and whether its sales changed since (<see cref="Sucio"/>, set by the <c>ventas</c> triggers).
/// </summary>
public sealed class ResumenDia
{
    public DateOnly Dia { get; set; }
    public DateTimeOffset Desde { get; set; }
    public DateTimeOffset Hasta { get; set; }
    public bool Sucio { get; set; }
    public DateTimeOffset ResumidoAt { get; set; }
}

/// <summary>A day's sales of one punto de venta and cashier: completed and voided apart, by the sale's own day.</summary>
public sealed class ResumenVentas
{
    public DateOnly Dia { get; set; }
    public int PuntoDeVenta { get; set; }
    public Guid UsuarioId { get; set; }
    public int Tickets { get; set; }
    public decimal Total { get; set; }
    public int Anuladas { get; set; }
    public decimal TotalAnulado { get; set; }
    public decimal Vuelto { get; set; }
}

/// <summary>What a day's completed sales of one punto de venta and cashier were paid with, per method (change not taken off).</summary>
public sealed class ResumenPagos
{
    public DateOnly Dia { get; set; }
    public int PuntoDeVenta { get; set; }
    public Guid UsuarioId { get; set; }
    public string Metodo { get; set; } = "";
    public decimal Monto { get; set; }
}

/// <summary>
/// A product's completed lines of one day and punto de venta: units, revenue (lines' subtotal) and the cost in effect
/// at each sale (price history). Units sold before the product's first history row have no cost here
/// (<see cref="UnidadesSinCosto"/>): the report costs them at the product's current cost, as the live query does.
/// </summary>
public sealed class ResumenProductos
{
    public DateOnly Dia { get; set; }
    public int PuntoDeVenta { get; set; }
    public Guid ProductoId { get; set; }
    public int Unidades { get; set; }
    public decimal Ingresos { get; set; }
    public decimal Costo { get; set; }
    public int UnidadesSinCosto { get; set; }
}

public sealed class ResumenDiaConfiguration : IEntityTypeConfiguration<ResumenDia>
{
    public void Configure(EntityTypeBuilder<ResumenDia> b)
    {
        b.ToTable("resumen_dias");
        b.HasKey(r => r.Dia);
        // The triggers find the day of a sale's instant by its end: a sale of today scans no index entry at all.
        b.HasIndex(r => r.Hasta);
    }
}

public sealed class ResumenVentasConfiguration : IEntityTypeConfiguration<ResumenVentas>
{
    public void Configure(EntityTypeBuilder<ResumenVentas> b)
    {
        b.ToTable("resumen_ventas");
        b.HasKey(r => new { r.Dia, r.PuntoDeVenta, r.UsuarioId });
        b.Property(r => r.Total).HasPrecision(16, 2);
        b.Property(r => r.TotalAnulado).HasPrecision(16, 2);
        b.Property(r => r.Vuelto).HasPrecision(16, 2);
    }
}

public sealed class ResumenPagosConfiguration : IEntityTypeConfiguration<ResumenPagos>
{
    public void Configure(EntityTypeBuilder<ResumenPagos> b)
    {
        b.ToTable("resumen_pagos");
        b.HasKey(r => new { r.Dia, r.PuntoDeVenta, r.UsuarioId, r.Metodo });
        b.Property(r => r.Metodo).HasMaxLength(20);
        b.Property(r => r.Monto).HasPrecision(16, 2);
    }
}

public sealed class ResumenProductosConfiguration : IEntityTypeConfiguration<ResumenProductos>
{
    public void Configure(EntityTypeBuilder<ResumenProductos> b)
    {
        b.ToTable("resumen_productos");
        b.HasKey(r => new { r.Dia, r.PuntoDeVenta, r.ProductoId });
        b.Property(r => r.Ingresos).HasPrecision(16, 2);
        b.Property(r => r.Costo).HasPrecision(16, 2);
    }
}
