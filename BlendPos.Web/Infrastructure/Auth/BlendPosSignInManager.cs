using BlendPos.Web.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace BlendPos.Web.Infrastructure.Auth;

/// <summary>
/// Identity's sign-in manager, plus the seed's <c>activo</c> flag: a deactivated user can no longer sign in, by
/// cookie or by token, and an existing cookie dies at the next security-stamp check.
/// </summary>
public sealed class BlendPosSignInManager(
    UserManager<Usuario> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<Usuario> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<Usuario>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<Usuario> confirmation)
    : SignInManager<Usuario>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(Usuario user) => user.Activo && await base.CanSignInAsync(user);
}
