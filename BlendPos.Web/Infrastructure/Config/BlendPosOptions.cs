namespace BlendPos.Web.Infrastructure.Config;

/// <summary>Settings read from environment variables (see README); bound once at start-up.</summary>
public sealed class BlendPosOptions
{
    public string? AdminPassword { get; set; }
    public bool DemoData { get; set; }
    public bool MigrateOnStartup { get; set; } = true;
    public string TimeZone { get; set; } = "America/Argentina/Buenos_Aires";
    public string ShopName { get; set; } = "Kiosco BlendPOS";

    public static BlendPosOptions FromConfiguration(IConfiguration config) => new()
    {
        AdminPassword = config["BLENDPOS_ADMIN_PASSWORD"],
        DemoData = config.GetValue("BLENDPOS_DEMO_DATA", false),
        MigrateOnStartup = config.GetValue("BLENDPOS_MIGRATE", true),
        TimeZone = config["BLENDPOS_TIMEZONE"] ?? "America/Argentina/Buenos_Aires",
        ShopName = config["BLENDPOS_SHOP_NAME"] ?? "Kiosco BlendPOS",
    };
}
