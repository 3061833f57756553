namespace BlendPos.Web.Infrastructure.Config;

/// <summary>Settings read from environment variables (see README); bound once at start-up.</summary>
public sealed class BlendPosOptions
{
    public string? AdminPassword { get; set; }
    public bool DemoData { get; set; }
    public bool MigrateOnStartup { get; set; } = true;
    public string TimeZone { get; set; } = "America/Argentina/Buenos_Aires";
    public string ShopName { get; set; } = "Kiosco BlendPOS";
    public string? ShopRazonSocial { get; set; }
    public string? ShopDomicilio { get; set; }
    public string? ShopCuit { get; set; }
    public string? ShopCondicionIva { get; set; }
    public string? ShopIngresosBrutos { get; set; }
    public DateOnly? ShopInicioActividades { get; set; }
    /// <summary>How far an offline sale's terminal time may fall outside its session before it is flagged (minutes).</summary>
    public int DesfaseOfflineMinutos { get; set; } = 5;
    /// <summary>The discount (% of the sale) a cashier may give without a supervisor; above it one must authorize.</summary>
    public decimal DescuentoMaximoCajeroPct { get; set; }

    public static BlendPosOptions FromConfiguration(IConfiguration config) => new()
    {
        AdminPassword = config["BLENDPOS_ADMIN_PASSWORD"],
        DemoData = config.GetValue("BLENDPOS_DEMO_DATA", false),
        MigrateOnStartup = config.GetValue("BLENDPOS_MIGRATE", true),
        TimeZone = config["BLENDPOS_TIMEZONE"] ?? "America/Argentina/Buenos_Aires",
        ShopName = config["BLENDPOS_SHOP_NAME"] ?? "Kiosco BlendPOS",
        ShopRazonSocial = config["BLENDPOS_SHOP_RAZON_SOCIAL"],
        ShopDomicilio = config["BLENDPOS_SHOP_ADDRESS"],
        ShopCuit = config["BLENDPOS_SHOP_CUIT"],
        ShopCondicionIva = config["BLENDPOS_SHOP_IVA"],
        ShopIngresosBrutos = config["BLENDPOS_SHOP_IIBB"],
        ShopInicioActividades = DateOnly.TryParse(config["BLENDPOS_SHOP_START"], System.Globalization.CultureInfo.InvariantCulture, out var inicio) ? inicio : null,
        DesfaseOfflineMinutos = Math.Clamp(config.GetValue("BLENDPOS_OFFLINE_SKEW_MINUTES", 5), 0, 24 * 60),
        DescuentoMaximoCajeroPct = Math.Clamp(config.GetValue("BLENDPOS_CASHIER_MAX_DISCOUNT_PCT", 0m), 0m, 100m),
    };
}
