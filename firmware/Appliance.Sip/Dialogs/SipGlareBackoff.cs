namespace Appliance.Sip.Dialogs;

/// <summary>
/// RFC 3261 §14.1: after a 491 to our re-INVITE (or UPDATE, RFC 3311 §5.1) we wait before the
/// next try, so two user agents that collided do not collide again. The owner of the Call-ID
/// (the one who sent the dialog's first INVITE) waits 2.1 to 4 s, the other 0 to 2 s, both in
/// steps of 10 ms.
/// </summary>
public static class SipGlareBackoff
{
    /// <summary>A random wait; <paramref name="random"/> is a seam for tests.</summary>
    public static TimeSpan Next(bool ownsCallId, Random? random = null)
    {
        var source = random ?? Random.Shared;
        var steps = ownsCallId ? source.Next(210, 401) : source.Next(0, 201);
        return TimeSpan.FromMilliseconds(steps * 10);
    }
}
