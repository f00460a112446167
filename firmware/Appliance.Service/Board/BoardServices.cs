using Appliance.Board.Panel;
using Appliance.Board.Watchdog;
using Appliance.Service.Configuration;
using Appliance.Service.Hosting;
using Appliance.Service.Updates;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Serilog;

namespace Appliance.Service.Board;

/// <summary>Registers the board: the <see cref="FrontPanel"/> (for the web panel too), the
/// watchdog and the hosted service that runs them. An <see cref="ITrunkStatusSource"/> in the
/// container, if any, feeds the trunk screens.</summary>
internal static class BoardServices
{
    public static IServiceCollection AddApplianceBoard(this IServiceCollection services, BoardSettings board)
    {
        services.AddSingleton(board);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp =>
        {
            var runtime = sp.GetRequiredService<ApplianceRuntime>();
            var time = sp.GetRequiredService<TimeProvider>();

            // The virtual board runs beside tests that count SIP packets; it checks the database only.
            var sip = board.Profile.IsVirtual ? null : runtime.SipEndPoint;
            return new WatchdogFeeder(
                board.WatchdogDevice,
                new ServiceHealthProbe(runtime.Database, sip, time),
                board.WatchdogInterval,
                time,
                sp.GetRequiredService<ILogger>());
        });
        services.AddSingleton(sp =>
        {
            var log = sp.GetRequiredService<ILogger>();
            var settings = sp.GetRequiredService<ApplianceSettings>();
            return FrontPanel.Open(new FrontPanelOptions
            {
                Profile = board.Profile,
                Status = new TelephonyPanelStatus(
                    sp.GetRequiredService<ApplianceRuntime>(),
                    sp.GetRequiredService<WatchdogFeeder>(),
                    sp.GetService<ITrunkStatusSource>() ?? CardTrunks(sp.GetRequiredService<ApplianceRuntime>())),
                Actions = new ServiceBoardActions(
                    sp.GetRequiredService<IHostApplicationLifetime>(),
                    board,
                    settings.DataDirectory,
                    log),
                Network = new NetworkctlApplier(board.Profile.IsVirtual, log),
                NetworkDirectory = board.NetworkDirectory,
                Version = ApplianceVersion.Current,
                Serial = BoardIdentity.ReadSerial(),
                Slots = RootSlotsFor(sp.GetService<RaucFirmwareUpdates>()),
                Time = sp.GetRequiredService<TimeProvider>(),
                Log = log,
            });
        });
        services.AddHostedService<BoardHostedService>();
        return services;
    }

    /// <summary>The Version screen's view of the firmware slots, read each time it opens.</summary>
    private static Func<RootSlots?>? RootSlotsFor(RaucFirmwareUpdates? firmware) => firmware is null
        ? null
        : () =>
        {
            var slots = firmware.Status().Slots;
            return slots.Count == 2
                ? new RootSlots(slots[0].Name, slots[1].Name, slots[1].Version, slots[1].Health)
                : null;
        };

    /// <summary>The telephony card's ports when Pstn:Card opened one, then the carrier trunks of
    /// Sip:Trunks; neither gives no trunk screens.</summary>
    private static ITrunkStatusSource? CardTrunks(ApplianceRuntime runtime) => SipTrunks.CarrierTrunkPanelSource.Over(
        runtime.Pstn is { } gateway ? new PstnTrunkStatusSource(gateway.Snapshot) : null,
        runtime.CarrierTrunks);
}
