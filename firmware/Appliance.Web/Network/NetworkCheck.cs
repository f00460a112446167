using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Appliance.Web.Api;

namespace Appliance.Web.Network;

/// <summary>
/// Checks the network form field by field, naming the field and what is wrong with it, before
/// anything is written: a box given a bad address is a box nobody can reach.
/// </summary>
internal static class NetworkCheck
{
    /// <summary>Linux's HOST_NAME_MAX: the kernel keeps at most 64 characters.</summary>
    private const int HostNameMax = 64;

    private const int DnsMax = 3;

    private const int NtpMax = 8;

    /// <returns>The checked settings, or null when <paramref name="errors"/> has the reasons.</returns>
    public static NetworkConfiguration? Check(NetworkRequest form, FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(errors);

        var mode = form.Mode?.Trim().ToLowerInvariant();
        if (mode is not ("dhcp" or "static"))
        {
            errors.Add("mode", "must be dhcp or static");
        }

        var dhcp = mode != "static";
        IPAddress? address = null;
        var prefix = 0;
        IPAddress? gateway = null;
        IReadOnlyList<IPAddress> dns = [];
        if (!dhcp)
        {
            address = HostAddress(errors, "address", form.Address);
            prefix = Netmask(errors, form.Netmask);
            if (address is not null && prefix > 0 && new Ipv4Subnet(address, prefix) is var subnet
                && subnet.IsNetworkOrBroadcast(address))
            {
                errors.Add("address", $"{address} is the network or broadcast address of {subnet}");
            }

            gateway = Gateway(errors, form.Gateway, address, prefix);
            dns = DnsServers(errors, form.Dns);
        }

        var hostName = form.HostName?.Trim() ?? string.Empty;
        if (hostName.Length == 0)
        {
            errors.Add("hostName", "is required");
        }
        else if (HostNameProblem(hostName, HostNameMax) is { } problem)
        {
            errors.Add("hostName", problem);
        }

        var ntp = NtpServers(errors, form.Ntp);
        return errors.Any ? null : new NetworkConfiguration(dhcp, address, prefix, gateway, dns, hostName, ntp);
    }

    /// <summary>Why <paramref name="name"/> is not an RFC 1123 §2.1 host name (letters, digits and
    /// hyphens in dot-separated labels of 1-63 characters that neither start nor end with a
    /// hyphen), or null when it is one.</summary>
    public static string? HostNameProblem(string name, int maxLength)
    {
        if (name.Length > maxLength)
        {
            return $"'{name}' is longer than {maxLength} characters";
        }

        if (name.FirstOrDefault(c => !char.IsAsciiLetterOrDigit(c) && c != '-' && c != '.') is var bad and not '\0')
        {
            return $"'{name}' holds '{bad}': a host name (RFC 1123) has only letters, digits, hyphens and dots";
        }

        foreach (var label in name.Split('.'))
        {
            if (label.Length is 0 or > 63)
            {
                return $"'{name}' has a part of {label.Length} characters; each part between dots has 1 to 63";
            }

            if (label.StartsWith('-') || label.EndsWith('-'))
            {
                return $"'{name}' has a part that starts or ends with a hyphen";
            }
        }

        // RFC 1123 §2.1: a name must not look like a dotted-decimal address.
        return name.All(c => char.IsAsciiDigit(c) || c == '.')
            ? $"'{name}' is all digits, which reads as an address, not a host name"
            : null;
    }

    /// <summary>Parses exactly four decimal parts 0-255 (<see cref="IPAddress.TryParse(string, out IPAddress)"/>
    /// also takes "10.1", hex and octal, which an admin never means).</summary>
    public static IPAddress? IPv4(FieldErrors errors, string field, string text)
    {
        var parts = text.Split('.');
        if (parts.Length != 4 || parts.Any(p => p.Length is 0 or > 3 || !p.All(char.IsAsciiDigit)))
        {
            errors.Add(field, $"'{text}' is not an IPv4 address: four numbers 0-255 separated by dots");
            return null;
        }

        var bytes = new byte[4];
        for (var i = 0; i < 4; i++)
        {
            var value = int.Parse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture);
            if (value > 255)
            {
                errors.Add(field, $"'{text}' has {value} in part {i + 1}; each part is 0 to 255");
                return null;
            }

            bytes[i] = (byte)value;
        }

        return new IPAddress(bytes);
    }

    private static IPAddress? HostAddress(FieldErrors errors, string field, string? text)
    {
        var trimmed = errors.Required(field, text, 15);
        if (trimmed.Length == 0 || IPv4(errors, field, trimmed) is not { } address)
        {
            return null;
        }

        var first = address.GetAddressBytes()[0];
        if (first is 0 or 127 or >= 224)
        {
            errors.Add(field, $"'{trimmed}' is not a host address (0.x, 127.x and 224 and above are reserved)");
            return null;
        }

        return address;
    }

    private static int Netmask(FieldErrors errors, string? text)
    {
        var trimmed = errors.Required("netmask", text, 15);
        if (trimmed.Length == 0)
        {
            return 0;
        }

        int prefix;
        var asPrefix = trimmed.TrimStart('/');
        if (asPrefix.Length is > 0 and <= 2 && asPrefix.All(char.IsAsciiDigit))
        {
            prefix = int.Parse(asPrefix, NumberStyles.None, CultureInfo.InvariantCulture);
        }
        else if (IPv4(errors, "netmask", trimmed) is not { } mask)
        {
            return 0;
        }
        else if (!Ipv4Subnet.TryPrefixLength(mask, out prefix))
        {
            errors.Add("netmask", $"'{trimmed}' is not a netmask: its one bits are not contiguous");
            return 0;
        }

        // The panel takes the same range: /31 and /32 leave no room for a gateway on the link.
        if (prefix is < 8 or > 30)
        {
            errors.Add("netmask", $"/{prefix} is outside /8 to /30");
            return 0;
        }

        return prefix;
    }

    private static IPAddress? Gateway(FieldErrors errors, string? text, IPAddress? address, int prefix)
    {
        var trimmed = text?.Trim() ?? string.Empty;
        if (trimmed.Length == 0 || IPv4(errors, "gateway", trimmed) is not { } gateway)
        {
            // No gateway is allowed: a box on a closed LAN has no default route.
            return null;
        }

        if (address is null || prefix == 0)
        {
            return gateway;
        }

        var subnet = new Ipv4Subnet(address, prefix);
        if (!subnet.Contains(gateway))
        {
            errors.Add("gateway", $"{trimmed} is outside the subnet {subnet} of the address");
        }
        else if (gateway.Equals(address))
        {
            errors.Add("gateway", $"{trimmed} is the box's own address");
        }

        return gateway;
    }

    private static List<IPAddress> DnsServers(FieldErrors errors, string? text)
    {
        var given = Items(text);
        if (given.Count == 0)
        {
            errors.Add("dns", "needs at least one DNS server with a static address");
            return [];
        }

        if (given.Count > DnsMax)
        {
            errors.Add("dns", $"has {given.Count} servers; at most {DnsMax} are asked");
            return [];
        }

        return given.Select(d => IPv4(errors, "dns", d)).OfType<IPAddress>().ToList();
    }

    private static List<string> NtpServers(FieldErrors errors, string? text)
    {
        var given = Items(text);
        if (given.Count > NtpMax)
        {
            errors.Add("ntp", $"has {given.Count} servers; at most {NtpMax}");
            return [];
        }

        foreach (var server in given)
        {
            var isAddress = server.Contains(':', StringComparison.Ordinal)
                ? IPAddress.TryParse(server, out var v6) && v6.AddressFamily == AddressFamily.InterNetworkV6
                : server.All(c => char.IsAsciiDigit(c) || c == '.') && IPv4(new FieldErrors(), "ntp", server) is not null;
            if (!isAddress && HostNameProblem(server, 253) is not null)
            {
                errors.Add("ntp", $"'{server}' is neither a host name (RFC 1123) nor an IP address");
            }
        }

        return given;
    }

    /// <summary>A list typed with spaces, commas or semicolons between its items.</summary>
    private static List<string> Items(string? text) =>
        (text ?? string.Empty).Split([' ', ',', ';', '\t'], StringSplitOptions.RemoveEmptyEntries).ToList();
}
