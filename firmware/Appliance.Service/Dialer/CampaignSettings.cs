using System.Globalization;
using System.Net;
using Appliance.CallCenter.Dialer;
using Appliance.CallCenter.Dialer.Blending;
using Appliance.Service.Configuration;
using Appliance.Telephony.Campaigns;
using Microsoft.Extensions.Configuration;

namespace Appliance.Service.Dialer;

/// <summary>
/// One campaign from <c>Dialer:Campaigns:N:*</c>: the campaign itself, checked as it is read, and
/// the files its contact list and do-not-call list come from (read when the service starts).
/// </summary>
public sealed class CampaignSettings
{
    public required OutboundCampaign Campaign { get; init; }

    /// <summary>Absolute path of the contact CSV (columns id, phone, timezone, name, ...).</summary>
    public required string ContactsFile { get; init; }

    /// <summary>Absolute path of the do-not-call list (one number a line), or null for none.</summary>
    public string? DoNotCallFile { get; init; }

    /// <summary>Every campaign configured, in index order.</summary>
    /// <exception cref="ConfigurationException">A value is missing or invalid; the key is named.</exception>
    public static IReadOnlyList<CampaignSettings> LoadAll(IConfiguration configuration)
    {
        var campaigns = new List<CampaignSettings>();
        foreach (var section in configuration.GetSection("Dialer:Campaigns").GetChildren())
        {
            campaigns.Add(Load(configuration, section));
        }

        var duplicate = campaigns.GroupBy(c => c.Campaign.Campaign.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ConfigurationException("Dialer:Campaigns", $"campaign '{duplicate.Key}' is configured twice");
        }

        return campaigns;
    }

    private static CampaignSettings Load(IConfiguration configuration, IConfigurationSection section)
    {
        var read = new ConfigurationReader(configuration);
        var key = section.Path;
        var name = read.String($"{key}:Name", "");
        if (name.Length == 0)
        {
            throw new ConfigurationException($"{key}:Name", "is missing");
        }

        var trunk = new SipTrunk(
            read.String($"{key}:Trunk:Name", name),
            Outbound.RouteList.Read(configuration, $"{key}:Trunk:Destination")
                ?? throw new ConfigurationException($"{key}:Trunk:Destination", "is missing (host:port)"),
            Routes(configuration, $"{key}:Trunk:Routes"));
        var mode = read.Choice($"{key}:Mode", DialingMode.Progressive);
        var campaign = new Campaign
        {
            Name = name,
            CallerId = read.String($"{key}:CallerId", ""),
            TrunkGroup = trunk.Name,
            Mode = mode,
            CallingHours = Hours(read, $"{key}:CallingHours"),
            Retry = Retry(configuration, read, $"{key}:Retry"),
            PowerCallsPerAgent = read.Int($"{key}:PowerCallsPerAgent", 2, 1, 10),
            AbandonPrompt = read.String($"{key}:AbandonPrompt", "abandon"),
            AbandonHold = TimeSpan.FromSeconds(read.Int("Dialer:AbandonHold", 2, 0, 30)),
        };

        var agents = read.String($"{key}:Agents", "")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (agents.Length == 0)
        {
            throw new ConfigurationException($"{key}:Agents", "names no extension (a comma-separated list)");
        }

        var contacts = read.String($"{key}:Contacts", "");
        if (contacts.Length == 0)
        {
            throw new ConfigurationException($"{key}:Contacts", "is missing (the path of the contact CSV)");
        }

        var doNotCall = read.String($"{key}:DoNotCall", "");
        return new CampaignSettings
        {
            Campaign = new OutboundCampaign
            {
                Campaign = campaign,
                AgentIds = agents,
                Trunk = trunk,
                RingLimit = read.Duration(
                    $"{key}:RingLimit", TimeSpan.FromSeconds(25), TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(2)),
                WrapUpTime = read.Duration(
                    $"{key}:WrapUpTime", TimeSpan.FromSeconds(5), TimeSpan.Zero, TimeSpan.FromHours(1)),
                DefaultDisposition = read.String($"{key}:DefaultDisposition", "no-sale"),
                AutoStart = read.Choice($"{key}:AutoStart", Switch.False) == Switch.True,
                MachineDetection = read.Choice($"{key}:MachineDetection", Switch.False) == Switch.True,
                BlendingQueues = read.String($"{key}:Blending:Queues", "")
                    .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                Blending = new BlendingOptions
                {
                    WaitingCallsHigh = read.Int("Dialer:Blending:WaitingCalls", 1, 1, 1000),
                    QuietTime = read.Duration(
                        "Dialer:Blending:QuietTime", TimeSpan.FromSeconds(60), TimeSpan.Zero, TimeSpan.FromHours(1)),
                    InboundReserve = read.Int("Dialer:Blending:InboundReserve", 1, 0, 1000),
                },
            },
            ContactsFile = Path.GetFullPath(contacts),
            DoNotCallFile = doNotCall.Length == 0 ? null : Path.GetFullPath(doNotCall),
        };
    }

    /// <summary>Trunk:Routes:PREFIX, each one address:port or several in failover order.</summary>
    private static Dictionary<string, IReadOnlyList<IPEndPoint>> Routes(IConfiguration configuration, string key)
    {
        var routes = new Dictionary<string, IReadOnlyList<IPEndPoint>>(StringComparer.Ordinal);
        foreach (var route in configuration.GetSection(key).GetChildren())
        {
            routes[route.Key] = Outbound.RouteList.Read(configuration, route.Path)
                ?? throw new ConfigurationException(route.Path, "is missing (host:port)");
        }

        return routes;
    }

    /// <summary>"08:00-21:00": local time of each contact, every day.</summary>
    private static CallingHours Hours(ConfigurationReader read, string key)
    {
        var text = read.String(key, "");
        if (text.Length == 0)
        {
            return CallingHours.Default;
        }

        var parts = text.Split('-', StringSplitOptions.TrimEntries);
        if (parts.Length != 2
            || !TimeOnly.TryParseExact(parts[0], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var opens)
            || !TimeOnly.TryParseExact(parts[1], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var closes)
            || opens >= closes)
        {
            throw new ConfigurationException(key, $"'{text}' is not a window like 08:00-21:00 within one day");
        }

        return new CallingHours(opens, closes);
    }

    /// <summary>
    /// Retry:Busy:Gap / Retry:Busy:Attempts and so on for NoAnswer, Failed, Machine and Abandoned,
    /// and Retry:MaxAttempts; a result not given keeps the default rule.
    /// </summary>
    private static RetryPolicy Retry(IConfiguration configuration, ConfigurationReader read, string key)
    {
        if (!configuration.GetSection(key).Exists())
        {
            return RetryPolicy.Default;
        }

        var rules = new Dictionary<CallResult, RetryRule>();
        foreach (var result in Enum.GetValues<CallResult>())
        {
            if (result == CallResult.Connected)
            {
                continue;
            }

            var fallback = RetryPolicy.Default.RuleFor(result);
            var gap = read.Duration(
                $"{key}:{result}:Gap", fallback?.MinimumGap ?? TimeSpan.FromHours(1), TimeSpan.Zero, TimeSpan.FromDays(30));
            var attempts = read.Int($"{key}:{result}:Attempts", fallback?.MaxAttempts ?? 1, 0, 20);
            if (attempts > 0)
            {
                rules[result] = new RetryRule(gap, attempts);
            }
        }

        return new RetryPolicy(rules, read.Int($"{key}:MaxAttempts", RetryPolicy.Default.MaxAttempts, 1, 50));
    }

    /// <summary>The values <c>AutoStart</c> and <c>MachineDetection</c> take.</summary>
    private enum Switch
    {
        False,
        True,
    }
}
