using BlendPos.Domain.Usuarios;

namespace BlendPos.Tests.Domain;

public class CuatroOjosTests
{
    private static readonly Guid Uno = Guid.NewGuid(), Otro = Guid.NewGuid();

    [Theory]
    [InlineData(Roles.Supervisor, true)]
    [InlineData(Roles.Supervisor, false)]
    [InlineData(Roles.Admin, true)]
    [InlineData(Roles.Admin, false)]
    public void Someone_else_s_work_is_approved_by_any_supervisor_or_admin(string rol, bool hayOtro) =>
        Assert.True(CuatroOjos.PuedeAprobar(Uno, rol, Otro, hayOtro));

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_supervisor_never_approves_their_own_work(bool hayOtro) =>
        Assert.False(CuatroOjos.PuedeAprobar(Uno, Roles.Supervisor, Uno, hayOtro));

    [Fact]
    public void An_admin_approves_their_own_work_only_when_nobody_else_can() =>
        Assert.Equal((false, true), (CuatroOjos.PuedeAprobar(Uno, Roles.Admin, Uno, true), CuatroOjos.PuedeAprobar(Uno, Roles.Admin, Uno, false)));

    [Theory]
    [InlineData(Roles.Cajero)]
    [InlineData(null)]
    public void A_cashier_approves_nothing(string? rol) =>
        Assert.False(CuatroOjos.PuedeAprobar(Uno, rol, Otro, true));

    [Fact]
    public void The_refusal_names_the_action_in_spanish() =>
        Assert.Equal("No podés anular tu propia venta: tiene que hacerlo otro supervisor o un administrador.", CuatroOjos.Motivo("anular tu propia venta"));
}
