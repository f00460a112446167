using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Appliance.Sip.Messages;

namespace Appliance.Sip.Registration;

/// <summary>Reads Contact and Expires of a REGISTER (RFC 3261 §10.2.2, §10.3 steps 6-7).</summary>
internal static class SipRegisterRequest
{
    public readonly record struct Problem(int StatusCode);

    public static bool TryRead(
        SipRequest request,
        RegistrarOptions options,
        [NotNullWhen(true)] out SipRegisterChanges? changes,
        out Problem problem)
    {
        changes = null;
        problem = new Problem(400);
        TimeSpan? headerExpires = null;
        if (request.Headers["Expires"] is { } expiresText)
        {
            if (!TryReadSeconds(expiresText, out var seconds))
            {
                return false;
            }

            headerExpires = seconds;
        }

        var values = request.Headers.GetAll("Contact");
        var removeAll = false;
        var contacts = new List<(SipUri, TimeSpan)>(values.Count);
        foreach (var value in values)
        {
            if (value == "*")
            {
                // §10.2.2: "*" only alone and with Expires: 0.
                if (values.Count != 1 || headerExpires != TimeSpan.Zero)
                {
                    return false;
                }

                removeAll = true;
                continue;
            }

            if (!SipNameAddress.TryParse(value, out var contact))
            {
                return false;
            }

            var expires = headerExpires ?? options.DefaultExpires;
            if (contact.Parameters.TryGetValue("expires", out var parameter))
            {
                if (!TryReadSeconds(parameter, out expires))
                {
                    return false;
                }
            }

            if (expires > TimeSpan.Zero && expires < options.MinExpires)
            {
                problem = new Problem(423);
                return false;
            }

            contacts.Add((contact.Uri, expires > options.MaxExpires ? options.MaxExpires : expires));
        }

        changes = new SipRegisterChanges(removeAll, contacts);
        return true;
    }

    private static bool TryReadSeconds(string? text, out TimeSpan expires)
    {
        expires = TimeSpan.Zero;
        if (string.IsNullOrEmpty(text) || text.AsSpan().ContainsAnyExceptInRange('0', '9'))
        {
            return false;
        }

        // RFC 3261 §20.19 and §10.3 step 6: delta-seconds too large to read are taken as the
        // longest allowed, not refused; the caller clamps to MaxExpires.
        if (!uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            seconds = uint.MaxValue;
        }

        expires = TimeSpan.FromSeconds(seconds);
        return true;
    }
}
