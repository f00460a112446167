namespace Appliance.GsmSimulator;

/// <summary>
/// What the network makes of the SMS-SUBMIT PDUs it is given: each part read, and the parts of a
/// concatenated message put together by destination and reference once all have come. Not thread
/// safe; the modem calls it under its lock.
/// </summary>
internal sealed class SubmittedParts
{
    private readonly Dictionary<(string Number, int Reference), SubmittedPart[]> _pending = [];

    /// <summary>How many PDUs were accepted.</summary>
    public int Accepted { get; private set; }

    /// <summary>False when the PDU cannot be read; otherwise <paramref name="message"/> is the
    /// whole message once its last part has come, else null.</summary>
    public bool TryAccept(string hex, out (string Number, string Text)? message)
    {
        message = null;
        if (!SimulatedPdu.TryReadSubmit(hex, out var part) || part.Sequence < 1 || part.Sequence > part.Count)
        {
            return false;
        }

        Accepted++;
        if (part.Count == 1)
        {
            message = (part.Number, part.Text);
            return true;
        }

        var key = (part.Number, part.Reference);
        if (!_pending.TryGetValue(key, out var parts) || parts.Length != part.Count)
        {
            parts = new SubmittedPart[part.Count];
            _pending[key] = parts;
        }

        parts[part.Sequence - 1] = part;
        if (parts.All(p => p.Count != 0))
        {
            _pending.Remove(key);
            message = (part.Number, string.Concat(parts.Select(p => p.Text)));
        }

        return true;
    }
}
