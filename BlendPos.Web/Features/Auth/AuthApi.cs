using BlendPos.Web.Infrastructure.Auth;
using BlendPos.Web.Infrastructure.Http;

namespace BlendPos.Web.Features.Auth;

public static class AuthApi
{
    public static void MapAuthApi(this RouteGroupBuilder v1)
    {
        var auth = v1.MapGroup("/auth").AllowAnonymous().RequireRateLimiting(AuthSetup.LoginRateLimit);
        auth.MapPost("/login", (LoginRequest body, AuthService service, HttpContext http, CancellationToken ct) =>
            service.LoginAsync(body, ClientAddress.Of(http), ct));
        auth.MapPost("/refresh", (RefreshRequest body, AuthService service, CancellationToken ct) => service.RefreshAsync(body, ct));
        // Anonymous like refresh: holding the refresh token is what entitles a device to end it.
        auth.MapPost("/logout", async (RefreshRequest body, AuthService service, CancellationToken ct) =>
        {
            await service.LogoutAsync(body, ct);
            return Results.NoContent();
        });
    }
}
