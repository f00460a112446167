using Appliance.Board.Panel;
using Appliance.Service.Board;
using Appliance.Service.Configuration;
using Appliance.Service.Hosting;
using Appliance.Service.Updates;
using Appliance.Service.Web;
using Appliance.Web.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Serilog;
using Serilog.Events;

namespace Appliance.Service;

/// <summary>The appliance service: one process, the whole box.</summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        ConfigurationManager configuration;
        ApplianceSettings settings;
        BoardSettings board;
        UpdateSettings update;
        try
        {
            configuration = BuildConfiguration(args);
            settings = ApplianceSettings.Load(configuration);
            if (Web.Pstn.PstnOverrides.AddTo(configuration, settings))
            {
                settings = ApplianceSettings.Load(configuration);
            }

            board = BoardSettings.Load(configuration, settings);
            update = UpdateSettings.Load(configuration, settings);
        }
        catch (ConfigurationException ex)
        {
            // Logging is not set up yet: the log folder itself comes from the configuration.
            foreach (var problem in ex.Problems)
            {
                await Console.Error.WriteLineAsync($"sparklecc: {problem.Message}").ConfigureAwait(false);
            }

            return 2;
        }

        using var stop = new StopRequest();
        Log.Logger = CreateLogger(configuration, settings);
        foreach (var key in ApplianceSettings.UnknownKeys(configuration))
        {
            Log.Warning("Configuration key {Key} is not a setting of this version and is ignored", key);
        }

        ApplianceRuntime runtime;
        WebServer? web;
        var panelView = FrontPanelWebView.For(board.Profile);
        var firmware = new RaucFirmwareUpdates(update, Log.Logger);
        try
        {
            // Every PSTN setting is checked against the card before the database is made.
            var pstn = PstnTrunks.Prepare(settings, Log.Logger);
            runtime = ApplianceRuntime.Start(settings, pstn, TimeProvider.System, Log.Logger);
            var network = new BoardNetworkSetup(
                board,
                new NetworkctlApplier(board.Profile.IsVirtual, Log.Logger),
                runtime.SipAdvertisedAddress,
                Log.Logger);
            web = await StartWebAsync(settings, runtime, panelView, firmware, network, stop.Token).ConfigureAwait(false);
            if (stop.Requested)
            {
                await StopBeforeHostAsync(runtime, web).ConfigureAwait(false);
                return 0;
            }
        }
        catch (OperationCanceledException) when (stop.Requested)
        {
            // StartWebAsync has taken the box down again.
            Log.Warning("SparkleCC start-up cancelled by a stop request");
            await Log.CloseAndFlushAsync().ConfigureAwait(false);
            return 0;
        }
        catch (Exception ex) when (Unwrap(ex) is ConfigurationException problem)
        {
            foreach (var one in problem.Problems)
            {
                Log.Fatal("SparkleCC could not start: {Reason}", one.Message);
            }

            await Log.CloseAndFlushAsync().ConfigureAwait(false);
            return 2;
        }
        catch (Exception ex)
        {
            Log.Fatal(ex, "SparkleCC could not start: {Reason}", ex.Message);
            await Log.CloseAndFlushAsync().ConfigureAwait(false);
            return 1;
        }

        try
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
            {
                Args = [],
                Configuration = configuration,
                ContentRootPath = AppContext.BaseDirectory,
            });
            builder.Services.AddSerilog(Log.Logger, dispose: false);
            builder.Services.AddSingleton(settings);
            builder.Services.AddSingleton(Log.Logger);
            builder.Services.AddSingleton(runtime);
            builder.Services.AddSingleton(firmware);
            builder.Services.AddHostedService<ApplianceHostedService>();
            builder.Services.AddHostedService<SystemdWatchdog>();
            builder.Services.AddApplianceBoard(board);
            // Registered last so the host stops it first: no web command reaches a closing box.
            builder.Services.AddHostedService(_ => new WebHostedService(web));
            builder.Services.AddSystemd();

            using var host = builder.Build();
            if (panelView is not null)
            {
                // Once started, not before: opening the panel before the host handles SIGTERM
                // would let an early stop kill the process instead of shutting it down.
                host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStarted.Register(
                    () => panelView.Attach(host.Services.GetRequiredService<FrontPanel>()));
            }

            var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
            using var forward = stop.Token.Register(lifetime.StopApplication);
            await host.RunAsync().ConfigureAwait(false);

            // Zero unless the front panel asked for a restart (systemd starts us again).
            return Environment.ExitCode;
        }
        catch (OperationCanceledException) when (stop.Requested)
        {
            // Stopped in the instant between the last check and the host's start: nothing of the
            // host ran, so the box is taken down here.
            await StopBeforeHostAsync(runtime, web).ConfigureAwait(false);
            return 0;
        }
        catch (Exception ex)
        {
            // Anything that escapes the host is fatal: say what, then exit non-zero
            // so systemd restarts the service and the technician finds the reason in the journal.
            Log.Fatal(ex, "SparkleCC could not start: {Reason}", ex.Message);
            return 1;
        }
        finally
        {
            await Log.CloseAndFlushAsync().ConfigureAwait(false);
        }
    }

    /// <summary>A stop came during start-up: says so in one line and closes what had started.</summary>
    private static async Task StopBeforeHostAsync(ApplianceRuntime runtime, WebServer? web)
    {
        Log.Warning("SparkleCC start-up cancelled by a stop request");
        if (web is not null)
        {
            await web.DisposeAsync().ConfigureAwait(false);
        }

        await runtime.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Starts the web server; if it cannot start, the box is taken down again.</summary>
    private static async Task<WebServer?> StartWebAsync(
        ApplianceSettings settings,
        ApplianceRuntime runtime,
        FrontPanelWebView? panel,
        RaucFirmwareUpdates firmware,
        BoardNetworkSetup network,
        CancellationToken cancellationToken)
    {
        try
        {
            // Checked first too: with the web server off, nothing below would notice the stop.
            cancellationToken.ThrowIfCancellationRequested();
            return await WebStartup.StartAsync(
                    settings, runtime, Log.Logger, panel, firmware, network, cancellationToken)
                .ConfigureAwait(false);
        }
        catch
        {
            await runtime.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static Exception Unwrap(Exception ex) =>
        ex is AggregateException { InnerExceptions.Count: 1 } aggregate
            ? Unwrap(aggregate.InnerExceptions[0])
            : ex;

    /// <exception cref="ConfigurationException">The --config file is missing or not valid JSON.</exception>
    private static ConfigurationManager BuildConfiguration(string[] args)
    {
        var manager = new ConfigurationManager();
        manager.SetBasePath(AppContext.BaseDirectory);
        AddJson(manager, Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true);

        var (file, rest) = SplitConfigArgument(args);
        if (file is not null)
        {
            var path = Path.GetFullPath(file);
            if (!File.Exists(path))
            {
                throw new ConfigurationException("config", $"file {path} does not exist");
            }

            AddJson(manager, path, optional: false);
        }

        manager.AddEnvironmentVariables("SPARKLECC_");
        manager.AddCommandLine(rest);
        return manager;
    }

    private static void AddJson(ConfigurationManager manager, string path, bool optional)
    {
        try
        {
            manager.AddJsonFile(path, optional, reloadOnChange: false);
        }
        catch (InvalidDataException ex)
        {
            // The JSON provider puts the line and position of the fault in the inner exception.
            var reason = ex.InnerException?.Message ?? ex.Message;
            throw new ConfigurationException("config", $"file {path} is not valid: {reason}");
        }
    }

    /// <exception cref="ConfigurationException">--config is given without a file.</exception>
    private static (string? File, string[] Others) SplitConfigArgument(string[] args)
    {
        string? file = null;
        var rest = new List<string>(args.Length);
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--config")
            {
                if (i == args.Length - 1 || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    throw new ConfigurationException("config", "--config needs the path of a JSON file");
                }

                file = args[++i];
                continue;
            }

            rest.Add(args[i]);
        }

        return (file, rest.ToArray());
    }

    private static Serilog.Core.Logger CreateLogger(IConfiguration configuration, ApplianceSettings settings)
    {
        var logFile = Path.Combine(settings.DataDirectory, "logs", "sparklecc-.log");
        return new LoggerConfiguration()
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            .ReadFrom.Configuration(configuration)
            .Enrich.FromLogContext()
            .WriteTo.Console(
                outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj}{NewLine}{Exception}")
            .WriteTo.File(
                logFile,
                rollingInterval: RollingInterval.Day,
                retainedFileCountLimit: 14,
                outputTemplate: "{Timestamp:o} [{Level:u3}] {Message:lj} {Properties:j}{NewLine}{Exception}")
            .CreateLogger();
    }
}
