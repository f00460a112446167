namespace Appliance.CallCenter.Queues;

/// <summary>A place a call leaves a queue for.</summary>
/// <param name="Kind">What kind of place.</param>
/// <param name="Target">The queue name, external number or mailbox; null for callback and hang-up.</param>
public sealed record QueueExit(QueueExitKind Kind, string? Target)
{
    public static QueueExit HangUp { get; } = new(QueueExitKind.HangUp, null);

    public static QueueExit ToQueue(string queue) => new(QueueExitKind.Queue, queue);

    public override string ToString() => Target is null ? Kind.ToString() : $"{Kind} {Target}";
}
