using BlendPos.Tests.Infrastructure;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using BlendPos.Domain.Catalogo;

namespace BlendPos.Tests.Features.Security;

[CollectionDefinition(Name)]
public sealed class SecurityCollection : ICollectionFixture<SecurityAppFixture>
{
    public const string Name = "Security";
}

/// <summary>
/// Every /v1 endpoint that takes JSON (found by its Accepts metadata, request type and all) gets malformed JSON and its own
/// request with one field at a time broken; every page POST handler gets its form fields broken the same way. Never a
/// 500; on /v1 a refusal is problem+json; and a refused request wrote nothing (row counts, money and stock totals).
/// </summary>
[Collection(SecurityCollection.Name)]
public sealed class HostileInputTests(SecurityAppFixture fx)
{
    [Fact]
    public async Task Json_endpoints_refuse_hostile_bodies_with_a_problem_and_write_nothing()
    {
        var known = await KnownValuesAsync();
        var admin = await fx.BearerAsync(Access.Admin);
        var failures = new List<string>();
        var json = (await fx.CallablesAsync()).Where(c => c.IsApi && c.TakesJson).ToList();
        Assert.True(json.Count >= 10, $"only {json.Count} JSON endpoints found");
        var sent = 0;
        var before = await fx.CountsAsync(); // requests go one at a time: each one's «after» is the next one's «before»

        foreach (var c in json)
        {
            foreach (var (label, body) in HostileValues.Malformed())
            {
                sent++;
                await CheckAsync(c, label, body, mustRefuse: true);
            }
            if (c.BodyType is null) continue;
            foreach (var (label, body) in HostileValues.Mutations(c.BodyType, known))
            {
                sent++;
                await CheckAsync(c, label, Http.Json(body?.ToJsonString() ?? "null"), mustRefuse: false);
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} requests:\n" + string.Join("\n", failures.Take(60)));

        async Task CheckAsync(Callable c, string label, HttpContent body, bool mustRefuse)
        {
            var response = await admin.SendAsync(SecurityAppFixture.Request(c, SecurityAppFixture.PathOf(c), body, null));
            var status = (int)response.StatusCode;
            var text = await response.Content.ReadAsStringAsync();
            var what = $"{c} [{label}]: {status} {(text.Length > 200 ? text[..200] : text)}";
            var after = await fx.CountsAsync();
            var earlier = before;
            before = after;
            if (status >= 500) { failures.Add(what); return; }
            if (status < 400)
            {
                if (mustRefuse) failures.Add(what + " (accepted)");
                return;
            }
            if (response.Content.Headers.ContentType?.MediaType != "application/problem+json") failures.Add(what + " (not problem+json)");
            var changed = Changes(earlier, after);
            if (changed.Count > 0) failures.Add(what + " (partial write: " + string.Join(", ", changed) + ")");
        }
    }

    private static List<string> Changes(IReadOnlyDictionary<string, long> before, IReadOnlyDictionary<string, long> after) =>
        after.Where(kv => before.GetValueOrDefault(kv.Key) != kv.Value).Select(kv => $"{kv.Key} {before.GetValueOrDefault(kv.Key)}→{kv.Value}").ToList();

    [Fact]
    public async Task Page_forms_survive_hostile_fields()
    {
        await KnownValuesAsync();
        var failures = new List<string>();
        var posts = (await fx.CallablesAsync()).Where(c => c.IsPage && c.Method != "GET").ToList();
        Assert.True(posts.Count >= 15, $"only {posts.Count} page POST handlers found");
        var sent = 0;
        var before = await fx.CountsAsync();

        foreach (var c in posts)
        foreach (var (label, fields, query) in FormCases(c))
        {
            sent++;
            var session = await fx.PageSessionAsync(Access.Admin);
            var form = fields.Append(new("__RequestVerificationToken", session.Antiforgery)).ToList();
            var path = SecurityAppFixture.PathOf(c) + SecurityAppFixture.QueryOf(c, query);
            var response = await session.SendAsync(SecurityAppFixture.Request(c, path, new FormUrlEncodedContent(form), session.Antiforgery));
            var status = (int)response.StatusCode;
            var what = $"{c} [{label}]: {status}";
            var after = await fx.CountsAsync();
            var earlier = before;
            before = after;
            if (status >= 500) { failures.Add(what); continue; }
            if (status is >= 400 and < 500 && Changes(earlier, after) is { Count: > 0 } changed)
                failures.Add(what + " (partial write: " + string.Join(", ", changed) + ")");
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} requests:\n" + string.Join("\n", failures.Take(60)));
    }

    /// <summary>Numbers a form field should not take, one per field in turn.</summary>
    private static readonly string[] NotANumber = ["-99999999999999999999999999999", "abc", "1e400", "12,34,56", "0x1F", "-1", "NaN"];

    private static IEnumerable<(string Label, List<KeyValuePair<string, string>> Fields, Func<ParameterInfoValue, string>? Query)> FormCases(Callable c)
    {
        var n = 0;
        foreach (var f in c.FormFields)
        {
            n++;
            // Two per field keeps the suite fast; the field's turn picks which nasty text and which bad number it gets.
            foreach (var v in new[] { n % 2 == 0 ? HostileValues.Huge : HostileValues.Nasty[n / 2 % HostileValues.Nasty.Length], NotANumber[n % NotANumber.Length] })
                yield return ($"{f.Name} = {Short(v)}", [new(f.Name, v)], null);
        }
        foreach (var nasty in HostileValues.Nasty.Where((_, i) => i % 3 == 0).Append(HostileValues.Huge))
            yield return ($"every field = {Short(nasty)}", c.FormFields.Select(f => new KeyValuePair<string, string>(f.Name, nasty)).ToList(), null);
        yield return ("every field twice", c.FormFields.SelectMany(f => new KeyValuePair<string, string>[] { new(f.Name, "1"), new(f.Name, "x") }).ToList(), null);
        yield return ("unknown fields", [new("Input.Rol", "admin"), new("Id", Guid.NewGuid().ToString()), new("campo", "x")], null);
        if (c.HandlerParameters.Count > 0)
        {
            yield return ("query parameters not of their type", [], _ => "abc'--");
            yield return ("query parameters of 10 KB", [], _ => new string('9', 10_000));
        }
    }

    private static string Short(string v) => v.Length > 20 ? v[..20] + "…" : v;

    private Dictionary<string, JsonNode>? _known;

    /// <summary>Real rows for the ids a request names (a product, the admin's open drawer), so broken fields reach past «not found».</summary>
    private async Task<Dictionary<string, JsonNode>> KnownValuesAsync()
    {
        if (_known is not null) return _known;
        var admin = await fx.BearerAsync(Access.Admin);
        var digits = "7798" + Random.Shared.Next(10_000_000, 99_999_999);
        var codigo = digits + Gtin.ComputeCheckDigit(digits);
        var producto = await (await admin.PostAsJsonAsync("/v1/productos", new
        {
            codigo_barras = codigo, nombre = "Producto hostil", categoria = "Golosinas", precio_costo = 50m, precio_venta = 100m, stock_actual = 100,
        })).ShouldBeAsync(HttpStatusCode.Created);
        var abrir = await admin.PostAsJsonAsync("/v1/caja/abrir", new { monto_inicial = 1000m });
        var sesion = abrir.StatusCode == HttpStatusCode.Created
            ? (await abrir.JsonAsync()).GetProperty("id").GetGuid()
            : (await (await admin.GetAsync("/v1/caja/actual")).JsonAsync()).GetProperty("id").GetGuid();
        var id = producto.GetProperty("id").GetGuid().ToString();
        var otro = "7798" + Random.Shared.Next(10_000_000, 99_999_999);
        return _known = new Dictionary<string, JsonNode>
        {
            ["producto_id"] = id, ["producto_padre_id"] = id, ["producto_hijo_id"] = id, ["sesion_caja_id"] = sesion.ToString(),
            ["barcode"] = codigo, ["codigo_barras"] = otro + Gtin.ComputeCheckDigit(otro), ["metodo"] = "efectivo",
            ["username"] = "u" + Guid.NewGuid().ToString("N")[..10], ["password"] = "clave-segura-1", ["rol"] = "cajero",
        };
    }
}
