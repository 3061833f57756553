using System.Net;
using System.Text.Json;
using BlendPos.Tests.Infrastructure;

namespace BlendPos.Tests.Features.Catalogo;

/// <summary>
/// The name search as a cashier types it (issue 15): a single word with a typo still finds the product, and with several
/// words the name close to all of them comes before a name that has one of them exactly. Its own database (fixture per
/// class), so the names below are the whole catalog.
/// </summary>
public sealed class BusquedaToleranteTests(CatalogoAppFixture fx) : IClassFixture<CatalogoAppFixture>
{
    private static readonly SemaphoreSlim Seed = new(1, 1);
    private static Dictionary<string, Guid>? _ids;

    /// <summary>The catalog, created once for the class (xunit runs its tests one after another).</summary>
    private async Task<(HttpClient Admin, Dictionary<string, Guid> Ids)> CatalogoAsync()
    {
        var admin = await fx.AdminAsync();
        await Seed.WaitAsync();
        try
        {
            if (_ids is null)
            {
                var ids = new Dictionary<string, Guid>();
                foreach (var nombre in new[]
                         {
                             "Alfajor Triple Chocolate", "Alfajor de Maicena", "Yerba Mate Suave 1 kg", "Yerba Canarias 1 kg",
                             "Jabón Suave", "Galletitas de Agua",
                         })
                    ids[nombre] = (await Kit.CreateAsync(admin, nombre: nombre)).Id();
                _ids = ids;
            }
            return (admin, _ids);
        }
        finally
        {
            Seed.Release();
        }
    }

    private static async Task<Guid[]> BuscarAsync(HttpClient admin, string q)
    {
        var json = await (await admin.GetAsync($"/v1/productos?q={Uri.EscapeDataString(q)}")).ShouldBeAsync(HttpStatusCode.OK);
        var ids = json.GetProperty("items").Ids();
        Assert.Equal(ids.Length, json.GetProperty("total").GetInt32());
        return ids;
    }

    [Fact]
    public async Task A_single_word_with_a_typo_finds_the_product()
    {
        var (admin, p) = await CatalogoAsync();

        var tripel = await BuscarAsync(admin, "tripel"); // in no name: the words pass finds nothing, the typo pass answers
        var tripple = await BuscarAsync(admin, "Tripple");
        var alfajro = await BuscarAsync(admin, "alfajro");

        Assert.Equal(p["Alfajor Triple Chocolate"], Assert.Single(tripel));
        Assert.Equal(p["Alfajor Triple Chocolate"], Assert.Single(tripple));
        Assert.Equal(new[] { p["Alfajor de Maicena"], p["Alfajor Triple Chocolate"] }.Order(), alfajro.Order());
    }

    [Fact]
    public async Task With_several_words_the_name_close_to_all_of_them_ranks_above_one_with_a_single_word_exact()
    {
        var (admin, p) = await CatalogoAsync();

        // «Yerba Mate Suave» has «yerba» and nearly «suva»; «Yerba Canarias» has «yerba» exactly and nothing of «suva»,
        // «Jabón Suave» the other way round. Alphabetically the one-word names would come first.
        var yerba = await BuscarAsync(admin, "yerba suva");
        var alfajor = await BuscarAsync(admin, "alfajor tripel");

        Assert.Equal(p["Yerba Mate Suave 1 kg"], yerba[0]);
        Assert.Contains(p["Yerba Canarias 1 kg"], yerba);
        Assert.Equal(p["Alfajor Triple Chocolate"], alfajor[0]);
        Assert.Contains(p["Alfajor de Maicena"], alfajor);
        Assert.DoesNotContain(p["Galletitas de Agua"], alfajor);
    }
}
