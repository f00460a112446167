namespace Appliance.CallCenter.Dialer;

/// <summary>
/// Numbers that must never be dialled, compared after <see cref="PhoneNumber.TryNormalize"/>.
/// The scheduler checks it at the moment of dialling, so a number added while a campaign runs
/// is honoured from the next pick on. Thread safe (one lock), since agents add numbers while
/// the dialer reads.
/// </summary>
public sealed class DoNotCallList
{
    private readonly HashSet<string> _numbers = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _numbers.Count;
            }
        }
    }

    /// <summary>Adds the number; false when it was already listed.</summary>
    /// <exception cref="ArgumentException">The number is not a valid phone number.</exception>
    public bool Add(string phoneNumber)
    {
        var normalized = Normalize(phoneNumber);
        lock (_lock)
        {
            return _numbers.Add(normalized);
        }
    }

    /// <summary>Removes the number; false when it was not listed.</summary>
    public bool Remove(string phoneNumber)
    {
        var normalized = Normalize(phoneNumber);
        lock (_lock)
        {
            return _numbers.Remove(normalized);
        }
    }

    /// <summary>True when the number, in any accepted spelling, is listed. Invalid text is not.</summary>
    public bool Contains(string phoneNumber)
    {
        if (!PhoneNumber.TryNormalize(phoneNumber, out var normalized, out _))
        {
            return false;
        }

        lock (_lock)
        {
            return _numbers.Contains(normalized);
        }
    }

    private static string Normalize(string phoneNumber)
        => PhoneNumber.TryNormalize(phoneNumber, out var normalized, out var reason)
            ? normalized
            : throw new ArgumentException($"'{phoneNumber}' is not a phone number: {reason}.",
                nameof(phoneNumber));
}
