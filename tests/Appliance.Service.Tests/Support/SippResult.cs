namespace Appliance.Service.Tests.Support;

/// <summary>
/// How one SIPp run ended: its exit code (0 when every call followed the scenario, 1 when one
/// failed, 99 when no call was processed, negative on a fatal error), its final screen, the
/// unexpected-message log (-trace_err) and the SIP messages it received (-trace_msg), in order.
/// </summary>
public sealed record SippResult(
    string Scenario,
    int ExitCode,
    string Screen,
    string Errors,
    IReadOnlyList<string> Received)
{
    /// <summary>The status codes of the responses received, in order, e.g. 100, 180, 200, 200.</summary>
    public IReadOnlyList<int> ReceivedStatusCodes =>
        Received.Where(m => m.StartsWith("SIP/2.0 ", StringComparison.Ordinal))
            .Select(m => int.Parse(m.AsSpan(8, 3), System.Globalization.CultureInfo.InvariantCulture))
            .ToList();

    /// <summary>
    /// The status codes of the responses received, a retransmission counted once: over UDP a
    /// request SIPp retransmits on a loaded machine gets the same answer again (RFC 3261
    /// §17.2.2), which is the stack working, not a second answer.
    /// </summary>
    public IReadOnlyList<int> StatusCodesOncePerRequest =>
        Received.Where(m => m.StartsWith("SIP/2.0 ", StringComparison.Ordinal))
            .DistinctBy(m => (FirstLine(m), Header(m, "CSeq")))
            .Select(m => int.Parse(m.AsSpan(8, 3), System.Globalization.CultureInfo.InvariantCulture))
            .ToList();

    /// <summary>The received requests' first lines (e.g. "INVITE sip:1001@127.0.0.1:40012 SIP/2.0").</summary>
    public IReadOnlyList<string> ReceivedRequestLines =>
        Received.Where(m => !m.StartsWith("SIP/2.0 ", StringComparison.Ordinal))
            .Select(FirstLine)
            .ToList();

    /// <summary>Everything a failed assertion should show about this run.</summary>
    public string Describe() =>
        $"SIPp {Scenario} exited {ExitCode}.\nErrors:\n{Errors}\nReceived:\n{string.Join("\n\n", Received)}\n"
        + $"Screen:\n{Screen}";

    /// <summary>The first value of <paramref name="header"/> in <paramref name="message"/>, or null.</summary>
    public static string? Header(string message, string header)
    {
        foreach (var line in message.Split("\r\n"))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && line.AsSpan(0, colon).Trim().Equals(header, StringComparison.OrdinalIgnoreCase))
            {
                return line[(colon + 1)..].Trim();
            }

            if (line.Length == 0)
            {
                break;
            }
        }

        return null;
    }

    /// <summary>The header names of <paramref name="message"/> in order, as written.</summary>
    public static IReadOnlyList<string> HeaderNames(string message) =>
        message.Split("\r\n")
            .Skip(1)
            .TakeWhile(line => line.Length > 0)
            .Select(line => line.Split(':', 2)[0].Trim())
            .ToList();

    public static string FirstLine(string message) => message.Split("\r\n", 2)[0];
}
