namespace Appliance.Drivers.Simulation;

/// <summary>One reply of the simulated card's far end: "ok ..." or "error ...", with the words
/// after the first in <see cref="Text"/>.</summary>
public readonly record struct SimulatorReply(bool Ok, string Text)
{
    /// <summary>The value of a key=value word of the reply, or null.</summary>
    public string? Value(string key)
    {
        foreach (string word in Text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (word.Length > key.Length
                && word.StartsWith(key, StringComparison.Ordinal)
                && word[key.Length] == '=')
            {
                return word[(key.Length + 1)..];
            }
        }
        return null;
    }
}
