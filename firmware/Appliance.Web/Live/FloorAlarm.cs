namespace Appliance.Web.Live;

/// <summary>Something a supervisor should act on now, as the wallboard lists it.</summary>
/// <param name="Kind"><c>queue-over-threshold</c> (a caller has waited past the queue's
/// service-level threshold) or <c>trunk-down</c> (a PSTN port or trunk group is out of service).</param>
/// <param name="Subject">The queue, port or trunk group.</param>
/// <param name="Detail">What is wrong, in a sentence.</param>
public sealed record FloorAlarm(string Kind, string Subject, string Detail);
