using BlendPos.Domain.Usuarios;

namespace BlendPos.Tests.Domain;

public class RolesTests
{
    [Fact]
    public void Roles_rank_cajero_below_supervisor_below_admin()
    {
        Assert.Equal(1, Roles.Rank(Roles.Cajero));
        Assert.Equal(2, Roles.Rank(Roles.Supervisor));
        Assert.Equal(3, Roles.Rank(Roles.Admin));
    }

    [Fact]
    public void All_lists_roles_from_lowest_to_highest() =>
        Assert.Equal(["cajero", "supervisor", "admin"], Roles.All);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("gerente")]
    [InlineData("Admin")] // role names are exact: a differently cased claim grants nothing
    [InlineData(" admin")]
    public void Unknown_role_has_rank_zero(string? role)
    {
        Assert.Equal(0, Roles.Rank(role));
        Assert.False(Roles.IsKnown(role));
        Assert.False(Roles.AtLeast(role, Roles.Cajero));
    }

    [Theory]
    [InlineData(Roles.Admin, Roles.Admin, true)]
    [InlineData(Roles.Admin, Roles.Supervisor, true)]
    [InlineData(Roles.Admin, Roles.Cajero, true)]
    [InlineData(Roles.Supervisor, Roles.Admin, false)]
    [InlineData(Roles.Supervisor, Roles.Supervisor, true)]
    [InlineData(Roles.Supervisor, Roles.Cajero, true)]
    [InlineData(Roles.Cajero, Roles.Admin, false)]
    [InlineData(Roles.Cajero, Roles.Supervisor, false)]
    [InlineData(Roles.Cajero, Roles.Cajero, true)]
    public void A_higher_role_may_do_what_a_lower_one_may(string role, string required, bool expected) =>
        Assert.Equal(expected, Roles.AtLeast(role, required));

    [Theory]
    [InlineData("gerente")]
    [InlineData("")]
    [InlineData("Supervisor")]
    public void At_least_an_unknown_required_role_throws(string required) =>
        Assert.Throws<ArgumentException>(() => Roles.AtLeast(Roles.Admin, required));

    public static TheoryData<string[], string?> HighestCases => new()
    {
        { ["cajero", "admin", "supervisor"], "admin" },
        { ["supervisor", "cajero"], "supervisor" },
        { ["cajero"], "cajero" },
        { ["gerente", "cajero"], "cajero" },
        { [], null },
        { ["gerente", "Admin"], null },
    };

    [Theory]
    [MemberData(nameof(HighestCases))]
    public void Highest_picks_the_strongest_known_role_or_null(string[] roles, string? expected) =>
        Assert.Equal(expected, Roles.Highest(roles));

    [Theory]
    [InlineData(Roles.Cajero, "Cajero")]
    [InlineData(Roles.Supervisor, "Supervisor")]
    [InlineData(Roles.Admin, "Administrador")]
    public void Role_is_shown_by_its_spanish_name(string role, string expected) =>
        Assert.Equal(expected, Roles.Nombre(role));
}
