using Appliance.Service.Configuration;
using Appliance.Service.Hosting;
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
        var configuration = BuildConfiguration(args, out var configError);
        ApplianceSettings settings;
        try
        {
            if (configError is not null)
            {
                throw configError;
            }

            settings = ApplianceSettings.Load(configuration);
        }
        catch (ConfigurationException ex)
        {
            // Logging is not set up yet: the log folder itself comes from the configuration.
            await Console.Error.WriteLineAsync($"sparklecc: {ex.Message}").ConfigureAwait(false);
            return 2;
        }

        Log.Logger = CreateLogger(configuration, settings);
        try
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
            {
                Args = args,
                Configuration = configuration,
                ContentRootPath = AppContext.BaseDirectory,
            });
            builder.Services.AddSerilog(Log.Logger, dispose: false);
            builder.Services.AddSingleton(settings);
            builder.Services.AddSingleton(Log.Logger);
            builder.Services.AddHostedService<ApplianceHostedService>();
            builder.Services.AddSystemd();

            using var host = builder.Build();
            await host.RunAsync().ConfigureAwait(false);
            return 0;
        }
        catch (Exception ex)
        {
            // Anything that escapes start-up or the host is fatal: say what, then exit non-zero
            // so systemd restarts the service and the technician finds the reason in the journal.
            Log.Fatal(ex, "SparkleCC could not start: {Reason}", ex.Message);
            return 1;
        }
        finally
        {
            await Log.CloseAndFlushAsync().ConfigureAwait(false);
        }
    }

    private static ConfigurationManager BuildConfiguration(string[] args, out ConfigurationException? error)
    {
        error = null;
        var manager = new ConfigurationManager();
        manager.SetBasePath(AppContext.BaseDirectory);
        manager.AddJsonFile("appsettings.json", optional: true, reloadOnChange: false);

        var file = ConfigFileArgument(args);
        if (file is not null)
        {
            var path = Path.GetFullPath(file);
            if (!File.Exists(path))
            {
                error = new ConfigurationException("config", $"file {path} does not exist");
            }
            else
            {
                manager.AddJsonFile(path, optional: false, reloadOnChange: false);
            }
        }

        manager.AddEnvironmentVariables("SPARKLECC_");
        manager.AddCommandLine(args.Where(a => a != "--config" && a != file).ToArray());
        return manager;
    }

    private static string? ConfigFileArgument(string[] args)
    {
        for (var i = 0; i < args.Length - 1; i++)
        {
            if (args[i] == "--config")
            {
                return args[i + 1];
            }
        }

        return null;
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
