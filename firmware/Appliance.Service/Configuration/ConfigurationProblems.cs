namespace Appliance.Service.Configuration;

/// <summary>
/// Gathers the mistakes of many settings, so start-up names every bad key in one go instead of
/// the first; a key is reported once, with its first mistake. Not thread safe.
/// </summary>
internal sealed class ConfigurationProblems
{
    private readonly List<ConfigurationException> _problems = [];

    public bool Any => _problems.Count > 0;

    public IReadOnlyList<ConfigurationException> All => _problems;

    /// <summary>Whether a problem was found in <paramref name="key"/> or under it.</summary>
    public bool Has(string key) => _problems.Any(p =>
        p.Key.Equals(key, StringComparison.OrdinalIgnoreCase)
        || p.Key.StartsWith(key + ":", StringComparison.OrdinalIgnoreCase));

    /// <summary>Runs one read; a mistake is kept and <paramref name="fallback"/> stands in.</summary>
    public T Read<T>(Func<T> read, T fallback)
    {
        try
        {
            return read();
        }
        catch (ConfigurationException ex)
        {
            Add(ex);
            return fallback;
        }
    }

    public void Add(ConfigurationException problem)
    {
        foreach (var one in problem.Problems)
        {
            if (!_problems.Any(p => p.Key.Equals(one.Key, StringComparison.OrdinalIgnoreCase)))
            {
                _problems.Add(one);
            }
        }
    }

    public void Add(string key, string problem) => Add(new ConfigurationException(key, problem));

    public void AddRange(IEnumerable<ConfigurationException> problems)
    {
        foreach (var problem in problems)
        {
            Add(problem);
        }
    }

    /// <exception cref="ConfigurationException">Every problem gathered, when there is any.</exception>
    public void ThrowIfAny()
    {
        if (_problems.Count > 0)
        {
            throw new ConfigurationException(_problems.ToArray());
        }
    }

    /// <summary>"1 FXO port", "2 FXO ports": a count with its noun in the right number.</summary>
    public static string Count(int count, string noun) =>
        count == 1 ? $"1 {noun}" : $"{count.ToString(System.Globalization.CultureInfo.InvariantCulture)} {noun}s";
}
