using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using BlendPos.Domain.Facturacion;
using BlendPos.Tests.Features.Catalogo;
using BlendPos.Tests.Infrastructure;

namespace BlendPos.Tests.Features.Proveedores;

/// <summary>Helpers of the supplier and price-list tests.</summary>
internal static class ProveedoresKit
{
    private static int _seq = Random.Shared.Next(10_000_000, 90_000_000);

    /// <summary>A valid CUIT (30-xxxxxxxx-d) no other test of the run uses, as 11 digits.</summary>
    public static string NewCuit()
    {
        while (true)
        {
            var first10 = "30" + Interlocked.Increment(ref _seq).ToString("D8");
            if (Cuit.ComputeCheckDigit(first10) is { } d) return first10 + d;
        }
    }

    /// <summary>The same CUIT with a wrong check digit.</summary>
    public static string BadCheckDigit(string cuit) => cuit[..10] + (char)('0' + (cuit[10] - '0' + 1) % 10);

    public static async Task<JsonElement> CreateAsync(HttpClient admin, string? cuit = null, string? razonSocial = null)
    {
        var response = await admin.PostAsJsonAsync("/v1/proveedores", new
        {
            razon_social = razonSocial ?? "Distribuidora " + Kit.Tag(), cuit = cuit ?? NewCuit(), telefono = "011 4555-1234",
            email = "ventas@distri.com.ar", direccion = "Av. Siempreviva 742", condicion_pago = "30 días",
        });
        return await response.ShouldBeAsync(HttpStatusCode.Created);
    }

    /// <summary>POST /v1/csv/import with the file as text/csv.</summary>
    public static Task<HttpResponseMessage> ImportAsync(HttpClient client, Guid proveedorId, string csv, bool dryRun,
        string mediaType = "text/csv", string fileName = "lista.csv") =>
        ImportAsync(client, proveedorId, Encoding.UTF8.GetBytes(csv), dryRun, mediaType, fileName);

    public static async Task<HttpResponseMessage> ImportAsync(HttpClient client, Guid proveedorId, byte[] bytes, bool dryRun,
        string mediaType = "text/csv", string fileName = "lista.csv")
    {
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(proveedorId.ToString()), "proveedor_id");
        form.Add(new StringContent(dryRun ? "true" : "false"), "dry_run");
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        form.Add(file, "archivo", fileName);
        return await client.PostAsync("/v1/csv/import", form);
    }

    public const string Header = "codigo_barras;nombre;categoria;precio_costo;precio_venta;stock_minimo;padre_codigo_barras;unidades_por_padre";
}
