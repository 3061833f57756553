using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BlendPos.Domain.Catalogo;
using BlendPos.Domain.Facturacion;
using BlendPos.Tests.Infrastructure;
using BlendPos.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace BlendPos.Tests.Features.Catalogo;

/// <summary>
/// The catalog and inventory classes' app: one client address per request (so the logins of the role clients and the
/// price checks do not share a rate-limit bucket), and one signed-in client per role, made on first use.
/// </summary>
public sealed class CatalogoAppFixture : AppFixture
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly Dictionary<string, HttpClient> _clients = [];

    protected override BlendPosApp CreateApp(TestDatabase db) => new(db, configure: BlendPosApp.DistinctClientAddresses);

    public Task<HttpClient> AdminAsync() => ClientAsync("admin");
    public Task<HttpClient> SupervisorAsync() => ClientAsync("supervisor");
    public Task<HttpClient> CajeroAsync() => ClientAsync("cajero");

    /// <summary>The username of the role's test user (the seeded admin for "admin").</summary>
    public string UserName(string rol) => rol == "admin" ? DatabaseInitializer.AdminUserName : $"{rol}_{App.Database.Name[^6..]}";

    private async Task<HttpClient> ClientAsync(string rol)
    {
        await _lock.WaitAsync();
        try
        {
            if (_clients.TryGetValue(rol, out var existing)) return existing;
            HttpClient client;
            if (rol == "admin") client = await App.AdminAsync();
            else
            {
                await App.CreateUserAsync(UserName(rol), rol, Kit.Password);
                client = await App.ClientAsAsync(UserName(rol), Kit.Password);
            }
            _clients[rol] = client;
            return client;
        }
        finally
        {
            _lock.Release();
        }
    }
}

/// <summary>Helpers shared by the catalog and inventory tests.</summary>
internal static class Kit
{
    public const string Password = "clave-1234";

    /// <summary>Every field of a Producto (API.md) plus <c>alicuota_iva</c>, the VAT rate invoicing needs.</summary>
    public static readonly string[] ProductoFields =
    [
        "id", "codigo_barras", "nombre", "descripcion", "categoria", "precio_costo", "precio_venta", "margen_pct",
        "alicuota_iva", "stock_actual", "stock_minimo", "unidad_medida", "es_padre", "proveedor_id", "activo", "hijos",
    ];

    private static int _seq = Random.Shared.Next(0, 500_000_000);

    /// <summary>A 13-digit code with its GS1 check digit.</summary>
    public static string Ean13(string first12) => first12 + Gtin.ComputeCheckDigit(first12);

    /// <summary>A valid EAN-13 no other test of this run uses.</summary>
    public static string NewEan13() => Ean13("779" + (Interlocked.Increment(ref _seq) % 1_000_000_000).ToString("D9"));

    /// <summary>A shop's internal 5-digit code (no check digit); unique within a run.</summary>
    public static string NewInternalCode() => (10_000 + Interlocked.Increment(ref _seq) % 90_000).ToString("D5");

    public static string Tag() => Guid.NewGuid().ToString("N")[..8];

    public static object Body(string? codigo = null, string? nombre = null, decimal precioVenta = 100m, decimal precioCosto = 60m,
        int stock = 0, int stockMinimo = 5, string categoria = "Varios", Guid? proveedorId = null, bool activo = true) => new
    {
        codigo_barras = codigo ?? NewEan13(),
        nombre = nombre ?? "Producto " + Tag(),
        descripcion = "De prueba",
        categoria,
        precio_costo = precioCosto,
        precio_venta = precioVenta,
        stock_actual = stock,
        stock_minimo = stockMinimo,
        unidad_medida = "unidad",
        proveedor_id = proveedorId,
        activo,
    };

    public static async Task<JsonElement> CreateAsync(HttpClient admin, string? codigo = null, string? nombre = null,
        decimal precioVenta = 100m, decimal precioCosto = 60m, int stock = 0, int stockMinimo = 5, string categoria = "Varios",
        Guid? proveedorId = null, bool activo = true)
    {
        var response = await admin.PostAsJsonAsync("/v1/productos",
            Body(codigo, nombre, precioVenta, precioCosto, stock, stockMinimo, categoria, proveedorId, activo));
        return await response.ShouldBeAsync(HttpStatusCode.Created);
    }

    public static Guid Id(this JsonElement json) => json.GetProperty("id").GetGuid();
    public static string Codigo(this JsonElement json) => json.GetProperty("codigo_barras").GetString()!;

    public static Guid[] Ids(this JsonElement array, string property = "id") =>
        array.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetGuid() : e.GetProperty(property).GetGuid()).ToArray();

    public static string[] PropertyNames(this JsonElement json) => json.EnumerateObject().Select(p => p.Name).Order().ToArray();

    public static async Task<T> WithDbAsync<T>(this BlendPosApp app, Func<BlendPosDb, Task<T>> query)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<BlendPosDb>());
    }

    /// <summary>A supplier row written straight to the database (its API belongs to another issue).</summary>
    public static async Task<Guid> CreateProveedorAsync(BlendPosApp app)
    {
        string cuit;
        int? check;
        do
        {
            var first10 = "30" + Random.Shared.Next(10_000_000, 99_999_999).ToString("D8");
            check = Cuit.ComputeCheckDigit(first10);
            cuit = first10 + check;
        } while (check is null);

        var id = Guid.NewGuid();
        await app.WithDbAsync(async db =>
        {
            db.Proveedores.Add(new Proveedor
            {
                Id = id, RazonSocial = "Distribuidora " + Tag(), Cuit = cuit, CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
            });
            return await db.SaveChangesAsync();
        });
        return id;
    }

    public static Task<HttpResponseMessage> LinkAsync(HttpClient admin, Guid padre, Guid hijo, int unidades = 12, bool desarmeAuto = true) =>
        admin.PostAsJsonAsync($"/v1/productos/{padre}/hijos",
            new { producto_hijo_id = hijo, unidades_por_padre = unidades, desarme_auto = desarmeAuto });
}

/// <summary>/v1/productos per API.md (Catalog and inventory): create, validation, list and search, cache, packs.</summary>
public sealed class ProductosApiTests(CatalogoAppFixture fx) : IClassFixture<CatalogoAppFixture>
{
    private BlendPosApp App => fx.App;

    // ---------------------------------------------------------------- create

    [Fact]
    public async Task Create_answers_201_with_location_and_the_snake_case_producto_with_a_margin_computed_by_the_database()
    {
        var admin = await fx.AdminAsync();
        var proveedor = await Kit.CreateProveedorAsync(App);
        var codigo = Kit.NewEan13();

        var response = await admin.PostAsJsonAsync("/v1/productos", new
        {
            codigo_barras = codigo, nombre = "  Alfajor Jorgito Negro  ", descripcion = "Chocolate", categoria = "Golosinas",
            precio_costo = 600.00m, precio_venta = 1000.50m, stock_actual = 7, stock_minimo = 3, unidad_medida = "unidad",
            proveedor_id = proveedor,
        });

        var json = await response.ShouldBeAsync(HttpStatusCode.Created);
        var id = json.Id();
        Assert.Equal($"/v1/productos/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal(Kit.ProductoFields.Order().ToArray(), json.PropertyNames());
        Assert.Equal(codigo, json.Codigo());
        Assert.Equal("Alfajor Jorgito Negro", json.GetProperty("nombre").GetString());
        Assert.Equal("Chocolate", json.GetProperty("descripcion").GetString());
        Assert.Equal("Golosinas", json.GetProperty("categoria").GetString());
        Assert.Equal(600m, json.GetProperty("precio_costo").GetDecimal());
        Assert.Equal(1000.50m, json.GetProperty("precio_venta").GetDecimal());
        Assert.Equal(66.75m, json.GetProperty("margen_pct").GetDecimal()); // (1000.50 - 600) * 100 / 600
        Assert.Equal(7, json.GetProperty("stock_actual").GetInt32());
        Assert.Equal(3, json.GetProperty("stock_minimo").GetInt32());
        Assert.Equal("unidad", json.GetProperty("unidad_medida").GetString());
        Assert.False(json.GetProperty("es_padre").GetBoolean());
        Assert.Equal(proveedor, json.GetProperty("proveedor_id").GetGuid());
        Assert.True(json.GetProperty("activo").GetBoolean());
        Assert.Equal(JsonValueKind.Array, json.GetProperty("hijos").ValueKind);
        Assert.Empty(json.GetProperty("hijos").EnumerateArray());

        // The Location answers the same product.
        var fetched = await (await admin.GetAsync(response.Headers.Location)).ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal(json.ToString(), fetched.ToString());
        // And the margin is the database's generated column, not something the app wrote.
        var margenEnDb = await App.WithDbAsync(db => db.Database
            .SqlQuery<decimal?>($"SELECT margen_pct AS \"Value\" FROM productos WHERE id = {id}").SingleAsync());
        Assert.Equal(66.75m, margenEnDb);
    }

    [Fact]
    public async Task Margin_sent_by_the_client_is_ignored_and_follows_price_changes()
    {
        var admin = await fx.AdminAsync();
        var body = new
        {
            codigo_barras = Kit.NewEan13(), nombre = "Gaseosa " + Kit.Tag(), categoria = "Bebidas",
            precio_costo = 100m, precio_venta = 150m, margen_pct = 999m,
        };

        var json = await (await admin.PostAsJsonAsync("/v1/productos", body)).ShouldBeAsync(HttpStatusCode.Created);
        Assert.Equal(50m, json.GetProperty("margen_pct").GetDecimal());

        var updated = await (await admin.PutAsJsonAsync($"/v1/productos/{json.Id()}", new { precio_venta = 120m, margen_pct = 1m }))
            .ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal(20m, updated.GetProperty("margen_pct").GetDecimal());
    }

    [Fact]
    public async Task Update_validates_like_create_and_changes_nothing_when_refused()
    {
        var admin = await fx.AdminAsync();
        var p = await Kit.CreateAsync(admin, precioVenta: 100m);
        var badCheck = p.Codigo()[..12] + (char)('0' + (p.Codigo()[12] - '0' + 1) % 10);

        var problem = await (await admin.PutAsJsonAsync($"/v1/productos/{p.Id()}",
            new { codigo_barras = badCheck, precio_venta = 1.005m, nombre = "" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(["codigo_barras", "nombre", "precio_venta"], problem.GetProperty("errors").PropertyNames());
        var after = await (await admin.GetAsync($"/v1/productos/{p.Id()}")).ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal(p.ToString(), after.ToString());
    }

    [Fact]
    public async Task Update_does_not_touch_stock_so_the_ledger_keeps_explaining_it()
    {
        var admin = await fx.AdminAsync();
        var p = await Kit.CreateAsync(admin, stock: 4);

        var updated = await (await admin.PutAsJsonAsync($"/v1/productos/{p.Id()}", new { stock_actual = 999, nombre = "Otro " + Kit.Tag() }))
            .ShouldBeAsync(HttpStatusCode.OK);

        Assert.Equal(4, updated.GetProperty("stock_actual").GetInt32());
        var kardex = await (await admin.GetAsync($"/v1/inventario/kardex/{p.Id()}")).ShouldBeAsync(HttpStatusCode.OK);
        Assert.True(kardex.GetProperty("cuadra").GetBoolean());
    }

    [Fact]
    public async Task Margin_is_null_when_the_cost_is_zero()
    {
        var json = await Kit.CreateAsync(await fx.AdminAsync(), precioCosto: 0m, precioVenta: 50m);
        Assert.Equal(JsonValueKind.Null, json.GetProperty("margen_pct").ValueKind);
    }

    [Fact]
    public async Task Duplicate_barcode_is_409_problem_and_the_first_product_is_untouched()
    {
        var admin = await fx.AdminAsync();
        var first = await Kit.CreateAsync(admin, precioVenta: 10m);

        var problem = await (await admin.PostAsJsonAsync("/v1/productos", Kit.Body(first.Codigo(), precioVenta: 99m)))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict);

        Assert.Contains(first.Codigo(), problem.GetProperty("detail").GetString());
        var stored = await (await admin.GetAsync($"/v1/productos/barcode/{first.Codigo()}")).ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal(first.Id(), stored.Id());
        Assert.Equal(10m, stored.GetProperty("precio_venta").GetDecimal());
    }

    [Fact]
    public async Task Concurrent_creates_of_one_barcode_make_one_product_and_409s()
    {
        var admin = await fx.AdminAsync();
        var codigo = Kit.NewEan13();

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => admin.PostAsJsonAsync("/v1/productos", Kit.Body(codigo))));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        foreach (var r in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
            await r.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(1, await App.WithDbAsync(db => db.Productos.CountAsync(p => p.CodigoBarras == codigo)));
    }

    [Fact]
    public async Task Changing_a_barcode_to_one_in_use_is_409()
    {
        var admin = await fx.AdminAsync();
        var a = await Kit.CreateAsync(admin);
        var b = await Kit.CreateAsync(admin);

        await (await admin.PutAsJsonAsync($"/v1/productos/{b.Id()}", new { codigo_barras = a.Codigo() }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Thirteen_digits_with_a_wrong_check_digit_is_400_on_codigo_barras()
    {
        var good = Kit.NewEan13();
        var bad = good[..12] + (char)('0' + (good[12] - '0' + 1) % 10);

        var problem = await (await (await fx.AdminAsync()).PostAsJsonAsync("/v1/productos", Kit.Body(bad)))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains("verificador", problem.GetProperty("errors").GetProperty("codigo_barras")[0].GetString());
        Assert.False(await App.WithDbAsync(db => db.Productos.AnyAsync(p => p.CodigoBarras == bad)));
    }

    [Theory]
    [InlineData("77912345678AB")] // letters
    [InlineData("123")]           // too short
    [InlineData("123456789012345")] // 15 digits
    [InlineData("")]
    [InlineData("7791 234")]      // a space inside
    [InlineData("12345671")]      // EAN-8 with a bad check digit (the right one is 0)
    public async Task Malformed_barcodes_are_400_on_codigo_barras(string codigo)
    {
        var problem = await (await (await fx.AdminAsync()).PostAsJsonAsync("/v1/productos", Kit.Body(codigo)))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("codigo_barras", out _), problem.ToString());
    }

    [Fact]
    public async Task Internal_short_codes_and_the_other_gs1_lengths_are_accepted()
    {
        var admin = await fx.AdminAsync();
        var internalCode = Kit.NewInternalCode();
        var ean8 = "1234567" + Gtin.ComputeCheckDigit("1234567");
        var itf14 = "1" + Kit.NewEan13(); // a 1 in front changes the weights: recompute
        itf14 = itf14[..13] + Gtin.ComputeCheckDigit(itf14[..13]);

        foreach (var codigo in new[] { internalCode, ean8, itf14 })
        {
            var json = await Kit.CreateAsync(admin, codigo);
            Assert.Equal(codigo, json.Codigo());
        }
    }

    [Theory]
    [InlineData("precio_venta", 10.123)]
    [InlineData("precio_costo", 10.999)]
    [InlineData("precio_venta", -1)]
    [InlineData("precio_costo", -0.01)]
    public async Task Prices_with_three_decimals_or_negative_are_400_on_that_field(string field, double value)
    {
        var amount = (decimal)value;
        var body = new
        {
            codigo_barras = Kit.NewEan13(), nombre = "Producto " + Kit.Tag(), categoria = "Varios",
            precio_costo = field == "precio_costo" ? amount : 10m,
            precio_venta = field == "precio_venta" ? amount : 20m,
        };

        var problem = await (await (await fx.AdminAsync()).PostAsJsonAsync("/v1/productos", body))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        var errors = problem.GetProperty("errors");
        Assert.Equal([field], errors.PropertyNames());
        Assert.False(await App.WithDbAsync(db => db.Productos.AnyAsync(p => p.CodigoBarras == body.codigo_barras)));
    }

    [Fact]
    public async Task Missing_required_fields_are_400_naming_each_field()
    {
        var problem = await (await (await fx.AdminAsync()).PostAsJsonAsync("/v1/productos", new { descripcion = "x" }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(["categoria", "codigo_barras", "nombre", "precio_costo", "precio_venta"],
            problem.GetProperty("errors").PropertyNames());
    }

    [Fact]
    public async Task Cajero_and_supervisor_may_not_create_update_or_delete_products()
    {
        var admin = await fx.AdminAsync();
        var existing = await Kit.CreateAsync(admin);

        foreach (var client in new[] { await fx.CajeroAsync(), await fx.SupervisorAsync() })
        {
            await (await client.PostAsJsonAsync("/v1/productos", Kit.Body())).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
            await (await client.PutAsJsonAsync($"/v1/productos/{existing.Id()}", new { precio_venta = 1m }))
                .ShouldBeProblemAsync(HttpStatusCode.Forbidden);
            await (await client.DeleteAsync($"/v1/productos/{existing.Id()}")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
            await (await Kit.LinkAsync(client, existing.Id(), Guid.NewGuid())).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
            // Reading is fine for every role.
            await (await client.GetAsync($"/v1/productos/{existing.Id()}")).ShouldBeAsync(HttpStatusCode.OK);
        }
        var unchanged = await (await admin.GetAsync($"/v1/productos/{existing.Id()}")).ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal(100m, unchanged.GetProperty("precio_venta").GetDecimal());
        Assert.True(unchanged.GetProperty("activo").GetBoolean());
    }

    [Fact]
    public async Task Without_a_token_the_catalog_is_401()
    {
        var anonymous = App.Client();
        await (await anonymous.GetAsync("/v1/productos")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        await (await anonymous.GetAsync($"/v1/productos/barcode/{Kit.NewEan13()}")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        await (await anonymous.PostAsJsonAsync("/v1/productos", Kit.Body())).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    // ---------------------------------------------------------------- price history

    [Fact]
    public async Task Creating_and_each_price_change_write_the_price_history_and_other_edits_do_not()
    {
        var admin = await fx.AdminAsync();
        var id = (await Kit.CreateAsync(admin, precioCosto: 60m, precioVenta: 100m)).Id();

        await (await admin.PutAsJsonAsync($"/v1/productos/{id}", new { precio_venta = 110m })).ShouldBeAsync(HttpStatusCode.OK);
        await (await admin.PutAsJsonAsync($"/v1/productos/{id}", new { precio_venta = 110m })).ShouldBeAsync(HttpStatusCode.OK); // same price
        await (await admin.PutAsJsonAsync($"/v1/productos/{id}", new { nombre = "Renombrado " + Kit.Tag() })).ShouldBeAsync(HttpStatusCode.OK);
        await (await admin.PutAsJsonAsync($"/v1/productos/{id}", new { precio_costo = 70m })).ShouldBeAsync(HttpStatusCode.OK);

        var historial = await App.WithDbAsync(db => db.PreciosHistorial.Where(h => h.ProductoId == id).OrderBy(h => h.Id).ToListAsync());
        Assert.Equal([(60m, 100m), (60m, 110m), (70m, 110m)], historial.Select(h => (h.PrecioCosto, h.PrecioVenta)).ToArray());
        Assert.All(historial, h => Assert.NotNull(h.UsuarioId));
        Assert.True(historial.Zip(historial.Skip(1)).All(p => p.First.VigenteDesde <= p.Second.VigenteDesde));
    }

    // ---------------------------------------------------------------- list and search

    [Fact]
    public async Task List_pages_with_items_total_page_and_size()
    {
        var admin = await fx.AdminAsync();
        var categoria = "Paging " + Kit.Tag();
        var tag = Kit.Tag();
        foreach (var letra in new[] { "C", "A", "B" })
            await Kit.CreateAsync(admin, nombre: $"{letra} paging {tag}", categoria: categoria);

        var page1 = await (await admin.GetAsync($"/v1/productos?categoria={Uri.EscapeDataString(categoria)}&page=1&size=2"))
            .ShouldBeAsync(HttpStatusCode.OK);
        var page2 = await (await admin.GetAsync($"/v1/productos?categoria={Uri.EscapeDataString(categoria)}&page=2&size=2"))
            .ShouldBeAsync(HttpStatusCode.OK);

        Assert.Subset(page1.PropertyNames().ToHashSet(), new HashSet<string> { "items", "total", "page", "size" });
        Assert.Equal(3, page1.GetProperty("total").GetInt32());
        Assert.Equal(1, page1.GetProperty("page").GetInt32());
        Assert.Equal(2, page1.GetProperty("size").GetInt32());
        Assert.Equal([$"A paging {tag}", $"B paging {tag}"], Nombres(page1));
        Assert.Equal(Kit.ProductoFields.Order().ToArray(), page1.GetProperty("items")[0].PropertyNames());
        Assert.Equal(3, page2.GetProperty("total").GetInt32());
        Assert.Equal(2, page2.GetProperty("page").GetInt32());
        Assert.Equal([$"C paging {tag}"], Nombres(page2));
        var clamped = await (await admin.GetAsync($"/v1/productos?categoria={Uri.EscapeDataString(categoria)}&size=5000"))
            .ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal(200, clamped.GetProperty("size").GetInt32());
        Assert.Equal(3, clamped.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Search_by_a_barcode_is_an_exact_match()
    {
        var admin = await fx.AdminAsync();
        var target = await Kit.CreateAsync(admin);
        await Kit.CreateAsync(admin);

        var exact = await (await admin.GetAsync($"/v1/productos?q={target.Codigo()}")).ShouldBeAsync(HttpStatusCode.OK);
        var prefix = await (await admin.GetAsync($"/v1/productos?q={target.Codigo()[..7]}")).ShouldBeAsync(HttpStatusCode.OK);

        Assert.Equal(1, exact.GetProperty("total").GetInt32());
        Assert.Equal([target.Id()], exact.GetProperty("items").Ids());
        Assert.Equal(0, prefix.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Search_by_name_tolerates_typos()
    {
        var admin = await fx.AdminAsync();
        var havanna = await Kit.CreateAsync(admin, nombre: "Alfajor Triple Havanna");
        var other = await Kit.CreateAsync(admin, nombre: "Yerba Mate Suave " + Kit.Tag());

        var json = await (await admin.GetAsync("/v1/productos?q=alfajor%20tripel")).ShouldBeAsync(HttpStatusCode.OK);

        var ids = json.GetProperty("items").Ids();
        Assert.Contains(havanna.Id(), ids);
        Assert.DoesNotContain(other.Id(), ids);
        Assert.Equal(ids.Length, json.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Search_by_name_matches_every_word_anywhere_in_the_name_ignoring_case()
    {
        var admin = await fx.AdminAsync();
        var tag = Kit.Tag();
        var chocolate = await Kit.CreateAsync(admin, nombre: $"Alfajor Triple Chocolate Blanco {tag}");
        var onlyTriple = await Kit.CreateAsync(admin, nombre: $"Alfajor Triple Dulce de Leche {tag}");

        var json = await (await admin.GetAsync("/v1/productos?q=TRIPLE%20choc")).ShouldBeAsync(HttpStatusCode.OK);

        var ids = json.GetProperty("items").Ids();
        Assert.Contains(chocolate.Id(), ids);
        Assert.DoesNotContain(onlyTriple.Id(), ids);
    }

    [Fact]
    public async Task Search_treats_like_wildcards_as_plain_text()
    {
        var admin = await fx.AdminAsync();
        var tag = Kit.Tag();
        var percent = await Kit.CreateAsync(admin, nombre: $"Leche 100% {tag}");
        var plain = await Kit.CreateAsync(admin, nombre: $"Leche 1000 {tag}");

        var json = await (await admin.GetAsync($"/v1/productos?q={Uri.EscapeDataString("100% " + tag)}")).ShouldBeAsync(HttpStatusCode.OK);

        var ids = json.GetProperty("items").Ids();
        Assert.Contains(percent.Id(), ids);
        Assert.DoesNotContain(plain.Id(), ids);
    }

    [Fact]
    public async Task List_filters_by_categoria_proveedor_and_low_stock_and_leaves_inactive_products_out()
    {
        var admin = await fx.AdminAsync();
        var categoria = "Filtros " + Kit.Tag();
        var proveedorA = await Kit.CreateProveedorAsync(App);
        var proveedorB = await Kit.CreateProveedorAsync(App);
        var bajo = await Kit.CreateAsync(admin, categoria: categoria, stock: 2, stockMinimo: 5, proveedorId: proveedorA);
        var justo = await Kit.CreateAsync(admin, categoria: categoria, stock: 5, stockMinimo: 5, proveedorId: proveedorB);
        var sobrado = await Kit.CreateAsync(admin, categoria: categoria, stock: 50, stockMinimo: 5, proveedorId: proveedorA);
        var inactivo = await Kit.CreateAsync(admin, categoria: categoria, stock: 0, stockMinimo: 5, proveedorId: proveedorA);
        await (await admin.DeleteAsync($"/v1/productos/{inactivo.Id()}")).ShouldBeAsync(HttpStatusCode.OK);
        await Kit.CreateAsync(admin, categoria: "Otra " + Kit.Tag(), stock: 0, proveedorId: proveedorA);

        var cat = Uri.EscapeDataString(categoria);
        Assert.Equal(Set(bajo, justo, sobrado), await IdsAsync($"/v1/productos?categoria={cat}"));
        Assert.Equal(Set(bajo, sobrado), await IdsAsync($"/v1/productos?categoria={cat}&proveedor_id={proveedorA}"));
        Assert.Equal(Set(justo), await IdsAsync($"/v1/productos?proveedor_id={proveedorB}"));
        Assert.Equal(Set(bajo, justo), await IdsAsync($"/v1/productos?categoria={cat}&bajo_stock=true"));
        Assert.Equal(Set(bajo, justo, sobrado, inactivo), await IdsAsync($"/v1/productos?categoria={cat}&incluir_inactivos=true"));

        async Task<Guid[]> IdsAsync(string url) =>
            (await (await admin.GetAsync(url)).ShouldBeAsync(HttpStatusCode.OK)).GetProperty("items").Ids().Order().ToArray();
        static Guid[] Set(params JsonElement[] products) => products.Select(p => p.Id()).Order().ToArray();
    }

    // ---------------------------------------------------------------- get by id / barcode and the cache

    [Fact]
    public async Task Unknown_id_and_unknown_barcode_are_404_problem_and_a_malformed_barcode_is_400()
    {
        var cajero = await fx.CajeroAsync();
        await (await cajero.GetAsync($"/v1/productos/{Guid.NewGuid()}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await cajero.GetAsync($"/v1/productos/barcode/{Kit.NewEan13()}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await cajero.GetAsync("/v1/productos/barcode/abc123")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        var admin = await fx.AdminAsync();
        await (await admin.PutAsJsonAsync($"/v1/productos/{Guid.NewGuid()}", new { precio_venta = 1m })).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await admin.DeleteAsync($"/v1/productos/{Guid.NewGuid()}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_cajero_scans_by_barcode_and_by_id()
    {
        var created = await Kit.CreateAsync(await fx.AdminAsync(), stock: 4);
        var cajero = await fx.CajeroAsync();

        var byBarcode = await (await cajero.GetAsync($"/v1/productos/barcode/{created.Codigo()}")).ShouldBeAsync(HttpStatusCode.OK);
        var byId = await (await cajero.GetAsync($"/v1/productos/{created.Id()}")).ShouldBeAsync(HttpStatusCode.OK);

        Assert.Equal(created.ToString(), byBarcode.ToString());
        Assert.Equal(created.ToString(), byId.ToString());
    }

    [Fact]
    public async Task The_cache_serves_a_price_change_at_once()
    {
        var admin = await fx.AdminAsync();
        var cajero = await fx.CajeroAsync();
        var p = await Kit.CreateAsync(admin, precioVenta: 500m);
        var url = $"/v1/productos/barcode/{p.Codigo()}";
        Assert.Equal(500m, (await (await cajero.GetAsync(url)).ShouldBeAsync(HttpStatusCode.OK)).GetProperty("precio_venta").GetDecimal());
        Assert.Equal(500m, (await (await cajero.GetAsync(url)).ShouldBeAsync(HttpStatusCode.OK)).GetProperty("precio_venta").GetDecimal());

        await (await admin.PutAsJsonAsync($"/v1/productos/{p.Id()}", new { precio_venta = 650.25m })).ShouldBeAsync(HttpStatusCode.OK);

        var after = await (await cajero.GetAsync(url)).ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal(650.25m, after.GetProperty("precio_venta").GetDecimal());
        var precio = await (await App.Client().GetAsync($"/v1/precio/{p.Codigo()}")).ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal(650.25m, precio.GetProperty("precio_venta").GetDecimal());
    }

    [Fact]
    public async Task The_cache_lives_in_redis_too_and_a_price_change_replaces_the_redis_entry()
    {
        // The default fixture runs with the test Redis (./blendpos test sets BLENDPOS_TEST_REDIS_URL).
        Assert.NotNull(TestServers.RedisUrl);
        Assert.Equal("ResilientRedisCache", App.Services.GetRequiredService<IDistributedCache>().GetType().Name);
        var redis = App.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase();
        var admin = await fx.AdminAsync();
        var p = await Kit.CreateAsync(admin, precioVenta: 321m);
        var key = $"blendpos:{App.Database.Name}:cache:producto:cb:{p.Codigo()}";

        await (await admin.GetAsync($"/v1/productos/barcode/{p.Codigo()}")).ShouldBeAsync(HttpStatusCode.OK);
        Assert.Contains("321", (string?)await redis.StringGetAsync(key));

        await (await admin.PutAsJsonAsync($"/v1/productos/{p.Id()}", new { precio_venta = 456m })).ShouldBeAsync(HttpStatusCode.OK);
        var afterPut = (string?)await redis.StringGetAsync(key);
        Assert.True(afterPut is null || !afterPut.Contains("321"), $"Redis still holds the old price: {afterPut}");

        var scanned = await (await admin.GetAsync($"/v1/productos/barcode/{p.Codigo()}")).ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal(456m, scanned.GetProperty("precio_venta").GetDecimal());
        Assert.Contains("456", (string?)await redis.StringGetAsync(key));
    }

    [Fact]
    public async Task Without_redis_the_memory_cache_serves_a_price_change_at_once()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var app = new BlendPosApp(db, useRedis: false, configure: BlendPosApp.DistinctClientAddresses);
        using var admin = await app.AdminAsync();
        var p = await Kit.CreateAsync(admin, precioVenta: 10m);
        var url = $"/v1/productos/barcode/{p.Codigo()}";
        Assert.Equal(10m, (await (await admin.GetAsync(url)).ShouldBeAsync(HttpStatusCode.OK)).GetProperty("precio_venta").GetDecimal());

        await (await admin.PutAsJsonAsync($"/v1/productos/{p.Id()}", new { precio_venta = 12.5m })).ShouldBeAsync(HttpStatusCode.OK);

        Assert.Equal(12.5m, (await (await admin.GetAsync(url)).ShouldBeAsync(HttpStatusCode.OK)).GetProperty("precio_venta").GetDecimal());
    }

    [Fact]
    public async Task An_unknown_barcode_that_was_scanned_is_found_once_it_is_created()
    {
        var admin = await fx.AdminAsync();
        var codigo = Kit.NewEan13();
        await (await admin.GetAsync($"/v1/productos/barcode/{codigo}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await App.Client().GetAsync($"/v1/precio/{codigo}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);

        var created = await Kit.CreateAsync(admin, codigo);

        var scanned = await (await admin.GetAsync($"/v1/productos/barcode/{codigo}")).ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal(created.Id(), scanned.Id());
        await (await App.Client().GetAsync($"/v1/precio/{codigo}")).ShouldBeAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_barcode_change_retires_the_old_code_from_the_cache()
    {
        var admin = await fx.AdminAsync();
        var p = await Kit.CreateAsync(admin);
        var oldCode = p.Codigo();
        var newCode = Kit.NewEan13();
        await (await admin.GetAsync($"/v1/productos/barcode/{oldCode}")).ShouldBeAsync(HttpStatusCode.OK); // now cached
        await (await admin.GetAsync($"/v1/productos/barcode/{newCode}")).ShouldBeProblemAsync(HttpStatusCode.NotFound); // cached as unknown

        var updated = await (await admin.PutAsJsonAsync($"/v1/productos/{p.Id()}", new { codigo_barras = newCode })).ShouldBeAsync(HttpStatusCode.OK);

        Assert.Equal(newCode, updated.Codigo());
        await (await admin.GetAsync($"/v1/productos/barcode/{oldCode}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        var found = await (await admin.GetAsync($"/v1/productos/barcode/{newCode}")).ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal(p.Id(), found.Id());
        await (await App.Client().GetAsync($"/v1/precio/{oldCode}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    // ---------------------------------------------------------------- deactivate

    [Fact]
    public async Task Delete_deactivates_the_product_the_price_check_stops_answering_and_the_list_leaves_it_out()
    {
        var admin = await fx.AdminAsync();
        var p = await Kit.CreateAsync(admin);
        await (await App.Client().GetAsync($"/v1/precio/{p.Codigo()}")).ShouldBeAsync(HttpStatusCode.OK); // cached as active

        var deleted = await (await admin.DeleteAsync($"/v1/productos/{p.Id()}")).ShouldBeAsync(HttpStatusCode.OK);

        Assert.False(deleted.GetProperty("activo").GetBoolean());
        var byId = await (await admin.GetAsync($"/v1/productos/{p.Id()}")).ShouldBeAsync(HttpStatusCode.OK);
        Assert.False(byId.GetProperty("activo").GetBoolean());
        var scanned = await (await admin.GetAsync($"/v1/productos/barcode/{p.Codigo()}")).ShouldBeAsync(HttpStatusCode.OK);
        Assert.False(scanned.GetProperty("activo").GetBoolean());
        await (await App.Client().GetAsync($"/v1/precio/{p.Codigo()}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        var list = await (await admin.GetAsync($"/v1/productos?q={p.Codigo()}")).ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal(0, list.GetProperty("total").GetInt32());
        Assert.True(await App.WithDbAsync(db => db.Productos.AnyAsync(x => x.Id == p.Id())), "the row is kept");
    }

    // ---------------------------------------------------------------- packs

    [Fact]
    public async Task Linking_a_child_answers_the_link_and_marks_the_parent_es_padre()
    {
        var admin = await fx.AdminAsync();
        var caja = await Kit.CreateAsync(admin, nombre: "Caja x12 " + Kit.Tag());
        var unidad = await Kit.CreateAsync(admin, nombre: "Unidad " + Kit.Tag());
        await (await admin.GetAsync($"/v1/productos/barcode/{caja.Codigo()}")).ShouldBeAsync(HttpStatusCode.OK); // cached before the link

        var response = await Kit.LinkAsync(admin, caja.Id(), unidad.Id(), 12, desarmeAuto: false);

        var link = await response.ShouldBeAsync(HttpStatusCode.Created);
        Assert.Equal(["desarme_auto", "producto_hijo_id", "unidades_por_padre"], link.PropertyNames());
        Assert.Equal(unidad.Id(), link.GetProperty("producto_hijo_id").GetGuid());
        Assert.Equal(12, link.GetProperty("unidades_por_padre").GetInt32());
        Assert.False(link.GetProperty("desarme_auto").GetBoolean());

        foreach (var url in new[] { $"/v1/productos/{caja.Id()}", $"/v1/productos/barcode/{caja.Codigo()}" })
        {
            var padre = await (await admin.GetAsync(url)).ShouldBeAsync(HttpStatusCode.OK);
            Assert.True(padre.GetProperty("es_padre").GetBoolean(), url);
            var hijo = Assert.Single(padre.GetProperty("hijos").EnumerateArray());
            Assert.Equal(unidad.Id(), hijo.GetProperty("producto_hijo_id").GetGuid());
            Assert.Equal(12, hijo.GetProperty("unidades_por_padre").GetInt32());
            Assert.False(hijo.GetProperty("desarme_auto").GetBoolean());
        }
        var child = await (await admin.GetAsync($"/v1/productos/{unidad.Id()}")).ShouldBeAsync(HttpStatusCode.OK);
        Assert.False(child.GetProperty("es_padre").GetBoolean());
    }

    [Fact]
    public async Task Linking_a_product_to_itself_is_400()
    {
        var admin = await fx.AdminAsync();
        var p = await Kit.CreateAsync(admin);

        var problem = await (await Kit.LinkAsync(admin, p.Id(), p.Id())).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty("producto_hijo_id", out _));
        var after = await (await admin.GetAsync($"/v1/productos/{p.Id()}")).ShouldBeAsync(HttpStatusCode.OK);
        Assert.False(after.GetProperty("es_padre").GetBoolean());
    }

    [Fact]
    public async Task A_link_closing_a_cycle_is_400_directly_or_through_a_chain()
    {
        var admin = await fx.AdminAsync();
        var a = (await Kit.CreateAsync(admin)).Id();
        var b = (await Kit.CreateAsync(admin)).Id();
        var c = (await Kit.CreateAsync(admin)).Id();
        await (await Kit.LinkAsync(admin, a, b, 10)).ShouldBeAsync(HttpStatusCode.Created);

        var direct = await (await Kit.LinkAsync(admin, b, a, 2)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("ciclo", direct.GetProperty("errors").GetProperty("producto_hijo_id")[0].GetString());

        await (await Kit.LinkAsync(admin, b, c, 5)).ShouldBeAsync(HttpStatusCode.Created);
        await (await Kit.LinkAsync(admin, c, a, 1)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(2, await App.WithDbAsync(db => db.ProductosHijos.CountAsync(h => new[] { a, b, c }.Contains(h.ProductoPadreId))));
    }

    [Fact]
    public async Task Concurrent_opposite_links_never_both_succeed()
    {
        var admin = await fx.AdminAsync();
        for (var round = 0; round < 8; round++)
        {
            var a = (await Kit.CreateAsync(admin)).Id();
            var b = (await Kit.CreateAsync(admin)).Id();

            var responses = await Task.WhenAll(Kit.LinkAsync(admin, a, b, 6), Kit.LinkAsync(admin, b, a, 6));

            Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
            Assert.Single(responses, r => r.StatusCode == HttpStatusCode.BadRequest);
        }
    }

    [Fact]
    public async Task A_three_level_chain_caja_display_unidad_is_allowed()
    {
        var admin = await fx.AdminAsync();
        var caja = await Kit.CreateAsync(admin, nombre: "Caja cigarrillos " + Kit.Tag());
        var carton = await Kit.CreateAsync(admin, nombre: "Cartón cigarrillos " + Kit.Tag());
        var atado = await Kit.CreateAsync(admin, nombre: "Atado cigarrillos " + Kit.Tag());

        await (await Kit.LinkAsync(admin, caja.Id(), carton.Id(), 50)).ShouldBeAsync(HttpStatusCode.Created);
        await (await Kit.LinkAsync(admin, carton.Id(), atado.Id(), 10)).ShouldBeAsync(HttpStatusCode.Created);

        var middle = await (await admin.GetAsync($"/v1/productos/{carton.Id()}")).ShouldBeAsync(HttpStatusCode.OK);
        Assert.True(middle.GetProperty("es_padre").GetBoolean());
        Assert.Equal([atado.Id()], middle.GetProperty("hijos").Ids("producto_hijo_id"));
        var top = await (await admin.GetAsync($"/v1/productos/{caja.Id()}")).ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal([carton.Id()], top.GetProperty("hijos").Ids("producto_hijo_id"));
    }

    [Fact]
    public async Task Linking_again_updates_the_link_instead_of_adding_a_second_one()
    {
        var admin = await fx.AdminAsync();
        var padre = (await Kit.CreateAsync(admin)).Id();
        var hijo = (await Kit.CreateAsync(admin)).Id();
        await (await Kit.LinkAsync(admin, padre, hijo, 12)).ShouldBeAsync(HttpStatusCode.Created);

        await (await Kit.LinkAsync(admin, padre, hijo, 24, desarmeAuto: false)).ShouldBeAsync(HttpStatusCode.Created);

        var json = await (await admin.GetAsync($"/v1/productos/{padre}")).ShouldBeAsync(HttpStatusCode.OK);
        var link = Assert.Single(json.GetProperty("hijos").EnumerateArray());
        Assert.Equal(24, link.GetProperty("unidades_por_padre").GetInt32());
        Assert.False(link.GetProperty("desarme_auto").GetBoolean());
    }

    [Fact]
    public async Task Unlinking_the_last_child_clears_es_padre()
    {
        var admin = await fx.AdminAsync();
        var padre = await Kit.CreateAsync(admin);
        var h1 = (await Kit.CreateAsync(admin)).Id();
        var h2 = (await Kit.CreateAsync(admin)).Id();
        await (await Kit.LinkAsync(admin, padre.Id(), h1, 6)).ShouldBeAsync(HttpStatusCode.Created);
        await (await Kit.LinkAsync(admin, padre.Id(), h2, 12)).ShouldBeAsync(HttpStatusCode.Created);
        await (await admin.GetAsync($"/v1/productos/barcode/{padre.Codigo()}")).ShouldBeAsync(HttpStatusCode.OK); // cached with both

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/v1/productos/{padre.Id()}/hijos/{h1}")).StatusCode);
        var one = await (await admin.GetAsync($"/v1/productos/barcode/{padre.Codigo()}")).ShouldBeAsync(HttpStatusCode.OK);
        Assert.True(one.GetProperty("es_padre").GetBoolean());
        Assert.Equal([h2], one.GetProperty("hijos").Ids("producto_hijo_id"));

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/v1/productos/{padre.Id()}/hijos/{h2}")).StatusCode);
        var none = await (await admin.GetAsync($"/v1/productos/barcode/{padre.Codigo()}")).ShouldBeAsync(HttpStatusCode.OK);
        Assert.False(none.GetProperty("es_padre").GetBoolean());
        Assert.Empty(none.GetProperty("hijos").EnumerateArray());
        await (await admin.DeleteAsync($"/v1/productos/{padre.Id()}/hijos/{h2}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Linking_an_unknown_child_or_zero_units_is_400_and_an_unknown_parent_404()
    {
        var admin = await fx.AdminAsync();
        var p = (await Kit.CreateAsync(admin)).Id();
        var other = (await Kit.CreateAsync(admin)).Id();

        var unknownChild = await (await Kit.LinkAsync(admin, p, Guid.NewGuid())).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(unknownChild.GetProperty("errors").TryGetProperty("producto_hijo_id", out _));
        var zero = await (await Kit.LinkAsync(admin, p, other, 0)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(zero.GetProperty("errors").TryGetProperty("unidades_por_padre", out _));
        await (await Kit.LinkAsync(admin, Guid.NewGuid(), other)).ShouldBeProblemAsync(HttpStatusCode.NotFound);

        var after = await (await admin.GetAsync($"/v1/productos/{p}")).ShouldBeAsync(HttpStatusCode.OK);
        Assert.False(after.GetProperty("es_padre").GetBoolean());
        Assert.Empty(after.GetProperty("hijos").EnumerateArray());
    }

    private static string[] Nombres(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("nombre").GetString()!).ToArray();
}
