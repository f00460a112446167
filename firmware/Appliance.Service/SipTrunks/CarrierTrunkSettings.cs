using System.Net;
using Appliance.Service.Configuration;
using Appliance.Sip.Trunks;
using Microsoft.Extensions.Configuration;

namespace Appliance.Service.SipTrunks;

/// <summary>
/// The carrier trunks of <c>Sip:Trunks:N:*</c> (Name, Host, Port, Register, User, Password, Domain,
/// Expires, and Qualify: the OPTIONS period, 00:01:00 by default, 00:00:00 for off) and the DNS
/// servers that resolve their hosts, <c>Sip:Dns:Servers</c> (a comma list of address or
/// address:port; empty asks the system's resolvers).
/// </summary>
public sealed class CarrierTrunkSettings
{
    public IReadOnlyList<CarrierTrunkOptions> Trunks { get; init; } = [];

    public IReadOnlyList<IPEndPoint> DnsServers { get; init; } = [];

    /// <summary>The sections read here, for the unknown-key warning.</summary>
    internal static IEnumerable<string> Keys => ["Sip:Trunks", "Sip:Dns"];

    /// <exception cref="ConfigurationException">A value is missing or invalid; the key is named.</exception>
    internal static CarrierTrunkSettings Load(IConfiguration configuration)
    {
        var read = new ConfigurationReader(configuration);
        var trunks = new List<CarrierTrunkOptions>();
        foreach (var section in configuration.GetSection("Sip:Trunks").GetChildren())
        {
            var trunk = LoadTrunk(read, section.Path);
            if (trunks.Exists(t => string.Equals(t.Name, trunk.Name, StringComparison.OrdinalIgnoreCase)))
            {
                throw new ConfigurationException(
                    $"{section.Path}:Name",
                    $"trunk '{trunk.Name}' is configured twice");
            }

            trunks.Add(trunk);
        }

        return new CarrierTrunkSettings { Trunks = trunks, DnsServers = DnsServersFrom(read) };
    }

    private static CarrierTrunkOptions LoadTrunk(ConfigurationReader read, string key)
    {
        var name = read.String($"{key}:Name", "");
        var host = read.String($"{key}:Host", "");
        if (name.Length == 0 || host.Length == 0)
        {
            throw new ConfigurationException(name.Length == 0 ? $"{key}:Name" : $"{key}:Host", "is missing");
        }

        var port = read.Int($"{key}:Port", 0, 0, 65535);
        var register = YesOrNo(read, $"{key}:Register");
        var user = read.String($"{key}:User", "");
        if (register && user.Length == 0)
        {
            throw new ConfigurationException($"{key}:User", "is missing, and the trunk registers");
        }

        return new CarrierTrunkOptions
        {
            Name = name,
            Host = host,
            Port = port == 0 ? null : port,
            Register = register,
            User = user,
            Password = read.String($"{key}:Password", ""),
            Domain = read.String($"{key}:Domain", ""),
            Expires = read.Duration(
                $"{key}:Expires",
                TimeSpan.FromSeconds(3600),
                TimeSpan.FromSeconds(60),
                TimeSpan.FromDays(1)),
            QualifyInterval = read.Duration(
                $"{key}:Qualify",
                TimeSpan.FromMinutes(1),
                TimeSpan.Zero,
                TimeSpan.FromHours(1)),
        };
    }

    private static bool YesOrNo(ConfigurationReader read, string key)
    {
        var text = read.String(key, "no").ToLowerInvariant();
        return text switch
        {
            "yes" or "true" => true,
            "no" or "false" => false,
            _ => throw new ConfigurationException(key, $"'{text}' is not yes or no"),
        };
    }

    private static List<IPEndPoint> DnsServersFrom(ConfigurationReader read)
    {
        var servers = new List<IPEndPoint>();
        var text = read.String("Sip:Dns:Servers", "");
        foreach (var item in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (IPEndPoint.TryParse(item, out var endPoint))
            {
                servers.Add(endPoint.Port == 0 ? new IPEndPoint(endPoint.Address, 53) : endPoint);
                continue;
            }

            throw new ConfigurationException("Sip:Dns:Servers", $"'{item}' is not an address or address:port");
        }

        return servers;
    }
}
