using System.Globalization;
using Appliance.Storage.Rows;

namespace Appliance.Storage;

/// <summary>
/// The demo profile's configuration, written once into an empty database: trunk
/// <c>loopback</c> (127.0.0.1, no authentication), DID <c>100</c> to IVR flow <c>main</c>
/// (<see cref="MainFlow"/>, which behaves as menu <c>main</c> below and offers Chinese on 9),
/// queues <c>sales</c> and <c>support</c> (longest idle, hold prompt <c>hold</c>), extensions
/// 1001-1005 by default (password <c>sparkle-&lt;ext&gt;</c>, each an agent of both queues) and menu
/// <c>main</c> (greeting welcome, then prompt menu; 1 = sales, 2 = support; 5 s digit timeout; 2 repeats;
/// default support; invalid prompt <c>invalid</c>).
/// </summary>
public static class DemoSeed
{
    public const string Profile = "demo";

    /// <summary>
    /// The demo IVR flow: greeting welcome, then prompts menu and language-offer; 1 = sales,
    /// 2 = support, 9 = Chinese (the call's prompts from then on come from the zh set, and the
    /// menu is offered again in Chinese); 5 s for a digit, 2 retries with prompt invalid, then
    /// support.
    /// </summary>
    public const string MainFlow = """
        {
          "name": "main", "version": 1, "start": "menu",
          "nodes": [
            { "id": "menu", "type": "menu", "greeting": "welcome", "prompts": ["menu", "language-offer"],
              "choices": { "1": "sales", "2": "support", "9": "chinese" }, "timeoutSeconds": 5,
              "retries": 2, "invalidPrompt": "invalid", "invalid": "support" },
            { "id": "chinese", "type": "language", "set": "zh", "next": "menu-zh" },
            { "id": "menu-zh", "type": "menu", "prompts": ["menu"],
              "choices": { "1": "sales", "2": "support" }, "timeoutSeconds": 5, "retries": 2,
              "invalidPrompt": "invalid", "invalid": "support" },
            { "id": "sales", "type": "queue", "queue": "sales" },
            { "id": "support", "type": "queue", "queue": "support" }
          ]
        }
        """;

    private static readonly string[] s_queues = ["sales", "support"];

    /// <summary>
    /// Writes the demo rows in one transaction unless the database is already seeded; running
    /// it again changes nothing, even with another ring timeout.
    /// </summary>
    /// <param name="db">The database to seed.</param>
    /// <param name="ringTimeout">The queues' ring timeout; stored in whole seconds.</param>
    /// <param name="extensions">How many extensions (and agents) to create from 1001 on; five
    /// for a demo, more for a load test.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="ringTimeout"/> is not a
    /// positive whole number of seconds, or <paramref name="extensions"/> is outside 1..999.</exception>
    public static void Apply(ApplianceDatabase db, TimeSpan ringTimeout, int extensions = 5)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (ringTimeout < TimeSpan.FromSeconds(1) || ringTimeout.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(ringTimeout), ringTimeout,
                "The ring timeout is stored in whole seconds and must be at least one second.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(extensions, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(extensions, 999);

        var ringTimeoutSeconds = (int)ringTimeout.TotalSeconds;
        var applied = db.SeedOnce(Profile, connection =>
        {
            connection.Insert(new TrunkRow
            {
                Name = "loopback",
                AllowedAddress = "127.0.0.1",
                RequireAuth = false,
            });
            connection.Insert(new DidRow
            {
                Number = "100",
                TargetKind = DidRow.FlowTarget,
                TargetName = "main",
            });
            connection.Insert(new IvrFlowRow { Name = "main", Version = 1, Json = MainFlow });
            foreach (var queue in s_queues)
            {
                connection.Insert(new QueueRow
                {
                    Name = queue,
                    Strategy = QueueRow.LongestIdleStrategy,
                    RingTimeoutSeconds = ringTimeoutSeconds,
                    HoldPrompt = "hold",
                });
            }

            // Not-ready reasons agents give with *71 and the code: *711 break, *712 lunch.
            connection.Insert(new NotReadyReasonRow { Code = 1, Name = "break" });
            connection.Insert(new NotReadyReasonRow { Code = 2, Name = "lunch" });
            connection.Insert(new NotReadyReasonRow { Code = 3, Name = "training" });

            for (var number = 1001; number <= 1000 + extensions; number++)
            {
                var extension = number.ToString(CultureInfo.InvariantCulture);
                connection.Insert(new ExtensionRow
                {
                    Number = extension,
                    Password = $"sparkle-{extension}",
                    DisplayName = $"Agent {extension}",
                });
                foreach (var queue in s_queues)
                {
                    connection.Insert(new QueueMemberRow { Queue = queue, AgentId = extension });
                }
            }

            connection.Insert(new IvrMenuRow
            {
                Name = "main",
                Greeting = "welcome",
                Prompts = "menu",
                Options = "1=sales;2=support",
                DigitTimeoutSeconds = 5,
                MaxRepeats = 2,
                DefaultQueue = "support",
                InvalidPrompt = "invalid",
            });
        });

        if (applied)
        {
            db.Log.Information(
                "Seeded {DatabasePath} with the {Profile} configuration (ring timeout {RingTimeout})",
                db.Path, Profile, ringTimeout);
        }
        else
        {
            db.Log.Debug("Database {DatabasePath} is already seeded; the {Profile} seed was skipped",
                db.Path, Profile);
        }
    }
}
