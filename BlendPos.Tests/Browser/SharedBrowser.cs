using BlendPos.Tests.Infrastructure;
using Microsoft.Playwright;

namespace BlendPos.Tests.Browser;

/// <summary>
/// One Chromium for the whole test run (starting a browser costs about a second); every test gets its own
/// context, so cookies and storage never leak between tests. Debian's chromium, never a downloaded one.
/// </summary>
public static class SharedBrowser
{
    private static readonly Lazy<Task<IBrowser>> Instance = new(LaunchAsync);

    public static Task<IBrowser> GetAsync() => Instance.Value;

    private static async Task<IBrowser> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        // Chromium on Linux takes its UI language (the one a date input is drawn in) from LANGUAGE, not from the
        // context's Locale nor --lang: es-AR users see dd/mm/aaaa. Needs Debian's chromium-l10n (./blendpos installs it).
        var env = Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? "");
        env["LANGUAGE"] = "es_AR:es";
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = TestServers.ChromiumPath,
            Headless = true,
            Env = env,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
            ],
        });
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            browser.CloseAsync().GetAwaiter().GetResult();
            playwright.Dispose();
        };
        return browser;
    }

    /// <summary>Screenshots go to the git-ignored .data/screenshots so a person can look at every screen.</summary>
    public static string ScreenshotPath(string name)
    {
        var dir = Path.Combine(TestServers.RepoRoot, ".data", "screenshots");
        Directory.CreateDirectory(dir);
        return Path.Combine(dir, name + ".png");
    }
}

/// <summary>Base for browser tests: a real Kestrel app on 127.0.0.1 and a fresh browser context per test.</summary>
public abstract class BrowserTest(KestrelAppFixture fx) : IClassFixture<KestrelAppFixture>, IAsyncLifetime
{
    protected BlendPosApp App => fx.App;
    protected IBrowserContext Context { get; private set; } = null!;
    protected IPage Page { get; private set; } = null!;

    public virtual async Task InitializeAsync()
    {
        Context = await NewContextAsync();
        Page = await Context.NewPageAsync();
    }

    protected async Task<IBrowserContext> NewContextAsync(int width = 1280, int height = 800)
    {
        var browser = await SharedBrowser.GetAsync();
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = App.BaseAddress.ToString().TrimEnd('/'),
            Locale = "es-AR",
            TimezoneId = "America/Argentina/Buenos_Aires",
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        context.SetDefaultTimeout(10_000);
        return context;
    }

    protected async Task LoginAsync(IPage page, string username, string password)
    {
        await page.GotoAsync("/login");
        await page.GetByLabel("Usuario").FillAsync(username);
        await page.GetByLabel("Contraseña").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Ingresar" }).ClickAsync();
    }

    /// <summary>Console errors and uncaught exceptions of the page (a refused payment's 422 is expected, not an error).</summary>
    protected static List<string> ErroresDeConsola(IPage page)
    {
        var errors = new List<string>();
        page.Console += (_, msg) =>
        {
            if (msg.Type == "error" && !msg.Text.Contains("status of 422")) errors.Add(msg.Text);
        };
        page.PageError += (_, e) => errors.Add(e);
        return errors;
    }

    protected Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = SharedBrowser.ScreenshotPath(name), FullPage = true });

    public virtual async Task DisposeAsync()
    {
        await Context.DisposeAsync();
        // A browser test that failed on a 500 is much easier to read with the server's error beside it.
        var errors = App.Logs.Errors;
        if (errors.Length > 0)
            await File.AppendAllTextAsync(SharedBrowser.ScreenshotPath("server-errors").Replace(".png", ".log"),
                $"--- {GetType().Name} {DateTime.Now:HH:mm:ss}\n{errors}\n");
    }
}
