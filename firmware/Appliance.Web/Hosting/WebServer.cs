using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Appliance.Web.Admin;
using Appliance.Web.Api;
using Appliance.Web.Panel;
using Appliance.Web.Security;
using Appliance.Web.Live;
using Appliance.Web.Sms;
using Appliance.Web.Trunks;
using Appliance.Web.Webhooks;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;
using Serilog;

namespace Appliance.Web.Hosting;

/// <summary>
/// The box's web server: setup wizard, admin pages, agent desktop, wallboard, reports and the
/// CTI API, over HTTPS with plain HTTP redirecting to it. In the production profile every page
/// and API answers only the setup wizard until it has set the admin password.
/// </summary>
public sealed class WebServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly WebhookSender _webhooks;
    private readonly HttpClient _webhookClient;

    private WebServer(WebApplication app, WebhookSender webhooks, HttpClient webhookClient, IReadOnlyList<string> urls)
    {
        _app = app;
        _webhooks = webhooks;
        _webhookClient = webhookClient;
        Urls = urls;
    }

    /// <summary>Where it listens, such as <c>https://127.0.0.1:8443</c>.</summary>
    public IReadOnlyList<string> Urls { get; }

    /// <summary>Builds and starts the server.</summary>
    /// <exception cref="WebPortUnavailableException">A port cannot be bound.</exception>
    /// <exception cref="IOException">The certificate cannot be stored in the data folder.</exception>
    public static async Task<WebServer> StartAsync(
        WebServerOptions options,
        WebDependencies dependencies,
        CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(dependencies);

        CheckPort(options.BindAddress, options.HttpsPort, https: true);
        CheckPort(options.BindAddress, options.HttpPort, https: false);
        var log = dependencies.Log.ForContext<WebServer>();
        var certificates = options.HttpsPort > 0 ? CertificateStore.LoadOrCreate(options.DataDirectory, log) : null;
        var accounts = new AccountService(dependencies.Store, dependencies.Time, dependencies.Log);
        if (options.DemoAgents is not null)
        {
            DemoAccounts.Seed(dependencies.Store, accounts, options.DemoAgents);
        }

        var webRoot = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [],
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = "Production",
        });
        builder.Logging.ClearProviders();
        builder.Services.AddSerilog(dependencies.Log, dispose: false);
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            if (certificates is not null)
            {
                kestrel.Listen(options.BindAddress, options.HttpsPort, listen =>
                    listen.UseHttps(https => https.ServerCertificateSelector = (_, _) => certificates.Current));
            }

            if (options.HttpPort > 0)
            {
                kestrel.Listen(options.BindAddress, options.HttpPort);
            }
        });

        var https = certificates is not null;
        AddServices(builder.Services, dependencies, accounts, https);
        if (certificates is not null)
        {
            builder.Services.AddSingleton(certificates);
        }

        var app = builder.Build();
        UsePipeline(app, options, dependencies, webRoot);
        MapEndpoints(app, options, dependencies, webRoot);

        var webhookClient = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var webhooks = new WebhookSender(options.Webhooks, webhookClient, dependencies.Log);
        dependencies.Floor.Changed += webhooks.Enqueue;
        if (dependencies.Sms is { } sms)
        {
            // The CRM hears of a received message like of a call: one event of type "sms".
            sms.Received += message => webhooks.Enqueue(new FloorEvent(
                "sms", "received", null, null, message.Number, null, null, null, message.Text,
                message.CreatedUtc));
        }

        try
        {
            await app.StartAsync(cancel).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            await webhooks.DisposeAsync().ConfigureAwait(false);
            webhookClient.Dispose();
            await app.DisposeAsync().ConfigureAwait(false);
            throw new WebPortUnavailableException($"the web server cannot listen: {ex.Message}", ex) { Https = https };
        }

        var urls = new List<string>();
        if (https)
        {
            urls.Add($"https://{Host(options.BindAddress)}:{options.HttpsPort}");
        }

        if (options.HttpPort > 0)
        {
            urls.Add($"http://{Host(options.BindAddress)}:{options.HttpPort}");
        }

        log.Information("Web pages and CTI API at {WebUrls}", urls);
        return new WebServer(app, webhooks, webhookClient, urls);
    }

    private static void AddServices(
        IServiceCollection services,
        WebDependencies dependencies,
        AccountService accounts,
        bool https)
    {
        var secure = https ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        services.AddSingleton(dependencies.Store);
        services.AddSingleton(dependencies.Floor);
        services.AddSingleton(dependencies.Routing);
        services.AddSingleton(dependencies.Flows);
        services.AddSingleton(dependencies.Calendar);
        services.AddSingleton(dependencies.PromptSets);
        services.AddSingleton(dependencies.Time);
        services.AddSingleton(accounts);
        services.AddSingleton(new AuditTrail(dependencies.Store, dependencies.Time, dependencies.Log));
        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(json =>
            json.SerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.CamelCase);
        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.HeaderName = "X-CSRF-TOKEN";
            antiforgery.Cookie.Name = "sparklecc.csrf";
            antiforgery.Cookie.SecurePolicy = secure;
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
        });
        services.AddAuthentication(auth =>
            {
                auth.DefaultScheme = "session-or-token";
                auth.DefaultChallengeScheme = "session-or-token";
            })
            .AddPolicyScheme("session-or-token", "session cookie or API token", policy =>
                policy.ForwardDefaultSelector = http =>
                    http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                        ? ApiTokenHandler.SchemeName
                        : SessionEndpoints.CookieScheme)
            .AddCookie(SessionEndpoints.CookieScheme, cookie =>
            {
                cookie.Cookie.Name = "sparklecc.session";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SecurePolicy = secure;
                cookie.Cookie.SameSite = SameSiteMode.Strict;
                cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
                cookie.SlidingExpiration = true;
                cookie.LoginPath = "/login";
                cookie.Events.OnValidatePrincipal = accounts.ValidateSessionAsync;
                cookie.Events.OnRedirectToLogin = context => ApiOrRedirect(context, StatusCodes.Status401Unauthorized);
                cookie.Events.OnRedirectToAccessDenied = context => ApiOrRedirect(context, StatusCodes.Status403Forbidden);
            })
            .AddScheme<AuthenticationSchemeOptions, ApiTokenHandler>(ApiTokenHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(Roles.AdminPolicy, p => p.RequireRole(Roles.Admin))
            .AddPolicy(Roles.SupervisorPolicy, p => p.RequireRole(Roles.Admin, Roles.Supervisor))
            .AddPolicy(Roles.AnyUserPolicy, p => p.RequireAuthenticatedUser());
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Ten login attempts a minute per address: enough for a person, slow for a guesser;
            // the per-user lock-out stops a guesser that spreads over many addresses.
            limiter.AddPolicy(SessionEndpoints.LoginRateLimit, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = 10,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                }));
        });
        services.AddOpenApi();
    }

    private static Task ApiOrRedirect(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        context.Response.Redirect(status == StatusCodes.Status401Unauthorized ? context.RedirectUri : "/login?denied=1");
        return Task.CompletedTask;
    }

    private static void UsePipeline(
        WebApplication app,
        WebServerOptions options,
        WebDependencies dependencies,
        string webRoot)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        if (options.HttpsPort > 0 && options.HttpPort > 0)
        {
            app.Use(RedirectToHttps(options.HttpsPort));
        }

        app.Use(async (http, next) =>
        {
            var headers = http.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            headers.ContentSecurityPolicy = "default-src 'self'; media-src 'self' blob:; frame-ancestors 'none'";
            await next(http).ConfigureAwait(false);
        });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(Path.Combine(webRoot, "assets")),
            RequestPath = "/assets",
        });
        if (options.DemoAgents is null)
        {
            app.Use(SetupGate(dependencies.Store));
        }

        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(20) });
    }

    private static void MapEndpoints(
        WebApplication app,
        WebServerOptions options,
        WebDependencies dependencies,
        string webRoot)
    {
        SessionEndpoints.Map(app);
        SetupEndpoints.Map(app);
        AdminEndpoints.Map(app);
        CertificateEndpoints.Map(app, app.Services.GetService<CertificateStore>());
        PstnEndpoints.Map(app, dependencies.PstnRunning);
        RoutingEndpoints.Map(app, options.PromptDirectory);
        FlowEndpoints.Map(app);
        CalendarEndpoints.Map(app);
        RecordingPolicyEndpoints.Map(app);
        CallReportEndpoints.Map(app);
        UsageEndpoints.Map(app);
        Forecasting.ForecastEndpoints.Map(app);
        PromptEndpoints.Map(app, options.PromptDirectory);
        CtiEndpoints.Map(app);
        RecordingEndpoints.Map(app, dependencies.Recording);
        Voicemail.VoicemailEndpoints.Map(app, dependencies.Voicemail);
        Callbacks.CallbackEndpoints.Map(app, dependencies.Callbacks);
        DeskEndpoints.Map(app);
        CustomerEndpoints.Map(app);
        CustomerEndpoints.MapReads(app);
        Desk.DeskCallEndpoints.Map(app, dependencies.DeskCalls);
        CampaignEndpoints.Map(app, dependencies.Campaigns);
        ReportEndpoints.Map(app, options.DataDirectory);
        PanelEndpoints.Map(app, dependencies.Panel);
        Network.NetworkEndpoints.Map(app, dependencies.Network, dependencies.Log.ForContext(typeof(Network.NetworkEndpoints)));
        TrunkEndpoints.Map(app, dependencies.Trunks);
        SmsEndpoints.Map(app, dependencies.Sms);
        FirmwareEndpoints.Map(app, dependencies.Firmware, dependencies.Log.ForContext(typeof(FirmwareEndpoints)));
        PageEndpoints.Map(app, Path.Combine(webRoot, "pages"));
        app.MapOpenApi("/openapi/{documentName}.json");
    }

    /// <summary>Plain HTTP only redirects: 308 keeps the method, so a form is not turned into a GET.</summary>
    private static Func<HttpContext, RequestDelegate, Task> RedirectToHttps(int httpsPort) => (http, next) =>
    {
        if (http.Request.IsHttps)
        {
            return next(http);
        }

        var host = new HostString(http.Request.Host.Host, httpsPort);
        var target = $"https://{host}{http.Request.PathBase}{http.Request.Path}{http.Request.QueryString}";
        http.Response.StatusCode = StatusCodes.Status308PermanentRedirect;
        http.Response.Headers.Location = target;
        return Task.CompletedTask;
    };

    /// <summary>
    /// Until the wizard has run only the wizard and what it needs answer; everything else sends the
    /// browser to /setup (pages) or answers 503 (API), so no default credential ever works.
    /// </summary>
    private static Func<HttpContext, RequestDelegate, Task> SetupGate(Storage.Web.WebStore store)
    {
        var done = false;
        return async (http, next) =>
        {
            done = done || store.IsSetupDone;
            var path = http.Request.Path;
            if (done || path == "/setup" || path == "/api/setup" || path == "/api/csrf")
            {
                await next(http).ConfigureAwait(false);
                return;
            }

            if (path.StartsWithSegments("/api", StringComparison.Ordinal))
            {
                await Results.Problem(
                    title: "Setup is not done",
                    detail: "Open /setup in a browser and set the admin password first.",
                    statusCode: StatusCodes.Status503ServiceUnavailable).ExecuteAsync(http).ConfigureAwait(false);
                return;
            }

            http.Response.Redirect("/setup");
        };
    }

    /// <summary>Fails early, naming the listener, when a port cannot be bound.</summary>
    private static void CheckPort(IPAddress address, int port, bool https)
    {
        if (port == 0)
        {
            return;
        }

        try
        {
            using var probe = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            probe.Bind(new IPEndPoint(address, port));
        }
        catch (SocketException ex)
        {
            throw new WebPortUnavailableException($"TCP {address}:{port} cannot be bound ({ex.Message})", ex)
            {
                Https = https,
            };
        }
    }

    private static string Host(IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        await _webhooks.DisposeAsync().ConfigureAwait(false);
        _webhookClient.Dispose();
    }
}
