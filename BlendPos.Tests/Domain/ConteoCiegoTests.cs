using BlendPos.Domain;
using BlendPos.Domain.Caja;
using BlendPos.Domain.Usuarios;

namespace BlendPos.Tests.Domain;

// Seed 7.2 / ADR-003: who may see what a session is expected to hold, and when.
public class ConteoCiegoTests
{
    [Theory]
    [InlineData(Roles.Cajero)]
    [InlineData(Roles.Supervisor)]
    [InlineData(Roles.Admin)]
    public void Whoever_will_count_an_open_session_never_sees_the_expected_amounts(string rol) =>
        Assert.False(ConteoCiego.PuedeVerEsperado(rol, esDueno: true, EstadoSesionCaja.Abierta));

    [Fact]
    public void A_cashier_never_sees_the_expected_amounts_of_an_open_session() =>
        Assert.False(ConteoCiego.PuedeVerEsperado(Roles.Cajero, esDueno: false, EstadoSesionCaja.Abierta));

    [Theory]
    [InlineData(Roles.Supervisor)]
    [InlineData(Roles.Admin)]
    public void A_supervisor_sees_the_expected_amounts_of_someone_elses_open_session(string rol) =>
        Assert.True(ConteoCiego.PuedeVerEsperado(rol, esDueno: false, EstadoSesionCaja.Abierta));

    [Theory]
    [InlineData(Roles.Cajero, EstadoSesionCaja.PendienteCierre)]
    [InlineData(Roles.Cajero, EstadoSesionCaja.Cerrada)]
    [InlineData(Roles.Supervisor, EstadoSesionCaja.PendienteCierre)]
    [InlineData(Roles.Admin, EstadoSesionCaja.Cerrada)]
    public void Once_counted_the_owner_sees_everything(string rol, EstadoSesionCaja estado) =>
        Assert.True(ConteoCiego.PuedeVerEsperado(rol, esDueno: true, estado));

    [Theory]
    [InlineData(null)]
    [InlineData("otro")]
    public void An_unknown_role_sees_nothing_of_an_open_session(string? rol) =>
        Assert.False(ConteoCiego.PuedeVerEsperado(rol, esDueno: false, EstadoSesionCaja.Abierta));

    [Theory]
    [InlineData(TipoMovimientoCaja.IngresoManual, true)]
    [InlineData(TipoMovimientoCaja.EgresoManual, true)]
    [InlineData(TipoMovimientoCaja.Venta, false)]
    [InlineData(TipoMovimientoCaja.Anulacion, false)]
    public void Only_manual_movements_stay_visible_to_a_blind_reader(TipoMovimientoCaja tipo, bool visible) =>
        Assert.Equal(visible, ConteoCiego.VisibleACiegas(tipo));
}

// Issue 16: a cajero opens a drawer only at their own punto de venta.
public class AperturaCajaTests
{
    [Theory]
    [InlineData(null)]
    [InlineData(7)]
    public void A_cashier_opens_at_their_assigned_punto_de_venta(int? pedido) =>
        Assert.Equal(new PuntoDeVentaDeApertura(7, null), AperturaCaja.PuntoDeVenta(Roles.Cajero, asignado: 7, pedido));

    [Fact]
    public void A_cashier_naming_another_punto_de_venta_is_refused_in_spanish()
    {
        var r = AperturaCaja.PuntoDeVenta(Roles.Cajero, asignado: 7, pedido: 8);

        Assert.Null(r.PuntoDeVenta);
        Assert.Equal("Solo podés abrir la caja en tu punto de venta (7). Para abrir en otro, pedile a un administrador que te lo asigne en Usuarios.",
            r.Rechazo);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(3)]
    public void A_cashier_without_a_punto_de_venta_cannot_open_and_is_told_to_ask(int? pedido)
    {
        var r = AperturaCaja.PuntoDeVenta(Roles.Cajero, asignado: null, pedido);

        Assert.Null(r.PuntoDeVenta);
        Assert.Contains("pedile a un administrador", r.Rechazo);
    }

    [Theory]
    [InlineData(Roles.Supervisor)]
    [InlineData(Roles.Admin)]
    public void A_supervisor_or_admin_opens_their_own_drawer_at_any_punto_de_venta(string rol) =>
        Assert.Equal((new PuntoDeVentaDeApertura(9, null), new PuntoDeVentaDeApertura(7, null), new PuntoDeVentaDeApertura(null, null)),
            (AperturaCaja.PuntoDeVenta(rol, 7, 9), AperturaCaja.PuntoDeVenta(rol, 7, null), AperturaCaja.PuntoDeVenta(rol, null, null)));
}
