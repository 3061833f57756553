using BlendPos.Domain;
using BlendPos.Domain.Caja;
using BlendPos.Domain.Usuarios;
using BlendPos.Web.Data;
using BlendPos.Web.Features.Shared;
using BlendPos.Web.Infrastructure.Errors;
using Microsoft.EntityFrameworkCore;
using Npgsql;


namespace BlendPos.Web.Features.Caja;

/// <summary>The blind count (seed 7.2, ADR-003): declared once, compared with what the movements expect, classified.</summary>
public sealed partial class CajaService
{
    /// <summary>The cashier's blind count of their own open session. Taken once.</summary>
    public async Task<ArqueoDto> ArqueoAsync(ArqueoRequest r, Actor actor, CancellationToken ct = default)
    {
        var declarado = ValidarDeclaracion(r.SesionCajaId, r.Declaracion, r.Observaciones, observacionesRequeridas: false);
        return await db.InTransactionAsync(async () =>
        {
            var sesion = await LockAsync(r.SesionCajaId!.Value, forUpdate: true, ct);
            if (sesion.UsuarioId != actor.Id)
                throw new ForbiddenException("Solo el cajero de la sesión hace su arqueo; un supervisor la cierra con «cerrar».");
            var result = await ContarAsync(sesion, declarado, r.Observaciones, actor, porSupervisor: false, ct);
            return result;
        }, ct);
    }

    /// <summary>Computes the count against the movements, stores it once, and moves the session on.</summary>
    private async Task<ArqueoDto> ContarAsync(SesionCaja sesion, MontosPorMetodo declarado, string? observaciones, Actor actor,
        bool porSupervisor, CancellationToken ct)
    {
        if (sesion.Estado != EstadoSesionCaja.Abierta || await db.Arqueos.AnyAsync(a => a.SesionCajaId == sesion.Id, ct))
            throw new ConflictException("Esta caja ya fue contada: el arqueo se declara una sola vez.");

        var esperado = await EsperadoAsync(sesion, ct);
        var resultado = ArqueoRules.Calcular(esperado, declarado);
        var now = clock.GetUtcNow();
        db.Arqueos.Add(new Arqueo
        {
            Id = Guid.NewGuid(), SesionCajaId = sesion.Id, UsuarioId = actor.Id,
            DeclaradoEfectivo = declarado.Efectivo, DeclaradoDebito = declarado.Debito,
            DeclaradoCredito = declarado.Credito, DeclaradoTransferencia = declarado.Transferencia,
            EsperadoEfectivo = esperado.Efectivo, EsperadoDebito = esperado.Debito,
            EsperadoCredito = esperado.Credito, EsperadoTransferencia = esperado.Transferencia,
            Observaciones = string.IsNullOrWhiteSpace(observaciones) ? null : observaciones.Trim(), CreatedAt = now,
        });
        sesion.MontoEsperado = resultado.MontoEsperado;
        sesion.MontoDeclarado = resultado.MontoDeclarado;
        sesion.Desvio = resultado.Desvio;
        sesion.DesvioPct = resultado.DesvioPct;
        sesion.Clasificacion = resultado.Clasificacion;
        sesion.Estado = porSupervisor ? EstadoSesionCaja.Cerrada : resultado.EstadoResultante;
        if (!string.IsNullOrWhiteSpace(observaciones)) sesion.Observaciones = observaciones.Trim();
        if (sesion.Estado == EstadoSesionCaja.Cerrada) sesion.ClosedAt = now;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            db.ChangeTracker.Clear(); // the refused count must not be saved by a later SaveChanges in this scope
            throw new ConflictException("Esta caja ya fue contada: el arqueo se declara una sola vez.");
        }
        logger.LogInformation("Blind count of session {Sesion}: expected {Esperado}, declared {Declarado}, {Clasificacion}",
            sesion.Id, resultado.MontoEsperado, resultado.MontoDeclarado, resultado.Clasificacion);
        return ToArqueoDto(sesion.Id, resultado, sesion.Estado);
    }

    private static MontosPorMetodo ValidarDeclaracion(Guid? sesionId, Declaracion? d, string? observaciones, bool observacionesRequeridas)
    {
        var v = new Validator();
        v.When(sesionId is null, "sesion_caja_id", "Falta la sesión de caja.");
        v.When(d is null, "declaracion", "Declará lo contado por medio de pago.");
        if (d is not null)
        {
            ValidarMonto(v, "declaracion.efectivo", d.Efectivo ?? 0, required: false, allowZero: true);
            ValidarMonto(v, "declaracion.debito", d.Debito ?? 0, required: false, allowZero: true);
            ValidarMonto(v, "declaracion.credito", d.Credito ?? 0, required: false, allowZero: true);
            ValidarMonto(v, "declaracion.transferencia", d.Transferencia ?? 0, required: false, allowZero: true);
            // Each method may be valid and the sum still not fit monto_declarado (numeric(12,2)). Each term is capped
            // first: four amounts near decimal.MaxValue would overflow the sum itself (a 500 instead of this message).
            static decimal Acotado(decimal? m) => Math.Min(Math.Abs(m ?? 0), MaxMonto + 1);
            var total = Acotado(d.Efectivo) + Acotado(d.Debito) + Acotado(d.Credito) + Acotado(d.Transferencia);
            v.When(total > MaxMonto, "declaracion", "El total declarado es demasiado alto.");
        }
        v.When(observacionesRequeridas && string.IsNullOrWhiteSpace(observaciones), "observaciones", "Escribí las observaciones.");
        v.When((observaciones?.Length ?? 0) > 1000, "observaciones", "Las observaciones admiten hasta 1000 caracteres.");
        v.ThrowIfAny();
        return new MontosPorMetodo(d!.Efectivo ?? 0, d.Debito ?? 0, d.Credito ?? 0, d.Transferencia ?? 0);
    }
}
