using System.Net;
using System.Net.Http.Headers;
using BlendPos.Tests.Infrastructure;
using BlendPos.Web.Data;

namespace BlendPos.Tests.Features.Usuarios;

/// <summary>The users classes share one app (and run one after the other): their admin must stay the only admin.</summary>
[CollectionDefinition(Name)]
public sealed class UsuariosCollection : ICollectionFixture<QuickAppFixture>
{
    public const string Name = "usuarios";
}

internal static class UsuariosTestKit
{
    public static string NewName() => "u" + Guid.NewGuid().ToString("N")[..10];

    public static HttpClient Bearer(BlendPosApp app, string token)
    {
        var client = app.Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public static async Task<Guid> AdminIdAsync(HttpClient admin)
    {
        var page = await (await admin.GetAsync("/v1/usuarios?q=admin&size=200")).ShouldBeAsync(HttpStatusCode.OK);
        return page.GetProperty("items").EnumerateArray()
            .Single(u => u.GetProperty("username").GetString() == DatabaseInitializer.AdminUserName).GetProperty("id").GetGuid();
    }
}
