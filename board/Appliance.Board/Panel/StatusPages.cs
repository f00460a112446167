using System.Globalization;

namespace Appliance.Board.Panel;

/// <summary>
/// The status screens the panel rotates through while nobody uses the menu: alarms first, then
/// the box (host name and address), the call figures, and the trunks a few to a screen.
/// </summary>
internal static class StatusPages
{
    public static List<IReadOnlyList<string>> Build(PanelStatus status, int rows)
    {
        var pages = new List<IReadOnlyList<string>>();
        var alarms = status.Alarms
            .Concat(status.Trunks.Where(t => t.InAlarm).Select(t => $"{t.Name} {t.Detail}"))
            .ToList();
        var perPage = Math.Max(1, rows - 1);
        for (var i = 0; i < alarms.Count; i += perPage)
        {
            pages.Add([
                Invariant($"ALARM {(i / perPage) + 1}/{((alarms.Count - 1) / perPage) + 1}"),
                .. alarms.Skip(i).Take(perPage),
            ]);
        }

        pages.Add([
            "SparkleCC " + (status.Healthy ? "running" : "CHECK"),
            status.HostName,
            status.Addresses.Count > 0 ? status.Addresses[0] : "no network",
            Invariant($"Calls {status.ActiveCalls} Wait {status.WaitingCalls}"),
        ]);
        pages.Add([
            "Call center",
            Invariant($"Active calls  {status.ActiveCalls,4}"),
            Invariant($"Agents ready  {status.AgentsReady,4}"),
            Invariant($"Waiting calls {status.WaitingCalls,4}"),
        ]);

        if (status.Trunks.Count == 0)
        {
            pages.Add(["Trunks", "none configured"]);
        }

        for (var i = 0; i < status.Trunks.Count; i += perPage)
        {
            var lines = new List<string>
            {
                Invariant($"Trunks {(i / perPage) + 1}/{((status.Trunks.Count - 1) / perPage) + 1}"),
            };
            foreach (var trunk in status.Trunks.Skip(i).Take(perPage))
            {
                lines.Add($"{trunk.Name} {(trunk.InAlarm ? "ALARM" : trunk.Detail)}");
            }

            pages.Add(lines);
        }

        return pages;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
