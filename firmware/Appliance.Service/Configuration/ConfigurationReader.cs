using System.Globalization;
using System.Net;
using Microsoft.Extensions.Configuration;

namespace Appliance.Service.Configuration;

/// <summary>
/// Reads typed values from configuration and refuses a bad one with the key in the message,
/// so an admin knows which line of which file to fix.
/// </summary>
internal sealed class ConfigurationReader
{
    private readonly IConfiguration _configuration;

    public ConfigurationReader(IConfiguration configuration)
    {
        _configuration = configuration;
    }

    public string String(string key, string fallback)
    {
        var value = _configuration[key];
        if (value is null)
        {
            return fallback;
        }

        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ConfigurationException(key, "is empty");
        }

        return value.Trim();
    }

    public int Int(string key, int fallback, int min, int max)
    {
        var value = _configuration[key];
        if (value is null)
        {
            return fallback;
        }

        if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
        {
            throw new ConfigurationException(key, $"'{value}' is not a whole number");
        }

        if (number < min || number > max)
        {
            throw new ConfigurationException(key, $"{number} is outside {min}..{max}");
        }

        return number;
    }

    public TimeSpan Duration(string key, TimeSpan fallback, TimeSpan min, TimeSpan max)
    {
        var value = _configuration[key];
        if (value is null)
        {
            return fallback;
        }

        if (!TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var duration))
        {
            throw new ConfigurationException(key, $"'{value}' is not a duration such as 00:00:15");
        }

        if (duration < min || duration > max)
        {
            throw new ConfigurationException(key, $"{duration} is outside {min}..{max}");
        }

        return duration;
    }

    public IPAddress? Address(string key, string? fallback)
    {
        var value = _configuration[key] ?? fallback;
        if (value is null)
        {
            return null;
        }

        if (!IPAddress.TryParse(value, out var address))
        {
            throw new ConfigurationException(key, $"'{value}' is not an IP address");
        }

        return address;
    }

    public T Choice<T>(string key, T fallback)
        where T : struct, Enum
    {
        var value = _configuration[key];
        if (value is null)
        {
            return fallback;
        }

        if (!Enum.TryParse<T>(value, ignoreCase: true, out var choice) || !Enum.IsDefined(choice)
            || int.TryParse(value, out _))
        {
            var allowed = string.Join(", ", Enum.GetNames<T>()).ToLowerInvariant();
            throw new ConfigurationException(key, $"'{value}' is not one of {allowed}");
        }

        return choice;
    }
}
