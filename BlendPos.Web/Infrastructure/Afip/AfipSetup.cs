namespace BlendPos.Web.Infrastructure.Afip;

public static class AfipSetup
{
    /// <summary>
    /// The AFIP client: <see cref="IWsfeClient"/> (WSFEv1) and <see cref="WsaaClient"/> as typed HttpClients, and the
    /// durable ticket store. All transient and free of scoped state, so a job may resolve them from the root provider.
    /// </summary>
    public static IServiceCollection AddAfip(this IServiceCollection services, IConfiguration configuration)
    {
        var opciones = AfipOptions.FromConfiguration(configuration);
        services.AddSingleton(opciones);
        services.AddHttpClient<WsaaClient>(h => h.Timeout = opciones.Timeout);
        services.AddHttpClient<IWsfeClient, WsfeClient>(h => h.Timeout = opciones.Timeout);
        services.AddTransient<AfipTicketStore>();
        return services;
    }
}
