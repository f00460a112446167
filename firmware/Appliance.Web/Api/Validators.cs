using System.Globalization;
using System.Net;

namespace Appliance.Web.Api;

/// <summary>Checks shared by the wizard and the admin pages.</summary>
internal static class Validators
{
    public static void Extension(FieldErrors errors, string field, string number)
    {
        if (number.Length is < 2 or > 6 || !number.All(char.IsAsciiDigit))
        {
            errors.Add(field, $"'{number}' is not an extension number of 2 to 6 digits");
        }
    }

    public static void Name(FieldErrors errors, string field, string name)
    {
        if (name.Length > 0 && !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            errors.Add(field, $"'{name}' may hold only letters, digits, '-' and '_'");
        }
    }

    /// <summary>A skill name: 1 to 40 letters, digits, '-' and '_', compared as written.</summary>
    public static void Skill(FieldErrors errors, string field, string skill)
    {
        if (skill.Length is 0 or > 40)
        {
            errors.Add(field, $"'{skill}' is not a skill name of 1 to 40 characters");
            return;
        }

        Name(errors, field, skill);
    }

    /// <summary>
    /// Parses a whole number in [min, max]; an empty field takes <paramref name="fallback"/>, and
    /// a fallback below <paramref name="min"/> makes the field required.
    /// </summary>
    public static int WholeNumber(FieldErrors errors, string field, string? text, int fallback, int min, int max)
    {
        var trimmed = text?.Trim() ?? string.Empty;
        if (trimmed.Length == 0 && fallback >= min)
        {
            return fallback;
        }

        if (!int.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            || value < min || value > max)
        {
            errors.Add(field, $"'{trimmed}' is not a whole number from {min} to {max}");
            return fallback;
        }

        return value;
    }

    public static void SipPassword(FieldErrors errors, string field, string password)
    {
        if (password.Length < 8)
        {
            errors.Add(field, "must be at least 8 characters");
        }
    }

    public static void Address(FieldErrors errors, string field, string address)
    {
        if (address.Length > 0 && !IPAddress.TryParse(address, out _))
        {
            errors.Add(field, $"'{address}' is not an IP address");
        }
    }

    public static void Did(FieldErrors errors, string field, string did)
    {
        if (did.Length is < 1 or > 20 || !did.All(c => char.IsAsciiDigit(c) || c == '+'))
        {
            errors.Add(field, $"'{did}' is not a dialled number (digits, optional +)");
        }
    }

    public static void TimeZone(FieldErrors errors, string field, string zone)
    {
        if (zone.Length > 0 && !TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
        {
            errors.Add(field, $"'{zone}' is not a known time zone such as Europe/Paris");
        }
    }
}
