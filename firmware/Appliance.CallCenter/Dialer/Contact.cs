namespace Appliance.CallCenter.Dialer;

/// <summary>
/// One person to call in a campaign, with the state of its attempts. The identity (id, number,
/// time zone, fields) is fixed; the attempt state is written only by <see cref="CampaignScheduler"/>
/// and so follows that class's threading (not thread safe on its own).
/// </summary>
public sealed class Contact
{
    private readonly int[] _attemptsByResult = new int[Enum.GetValues<CallResult>().Length];

    /// <param name="id">The campaign's own key for the contact (unique in its list).</param>
    /// <param name="phoneNumber">Any text <see cref="PhoneNumber.TryNormalize"/> accepts.</param>
    /// <param name="timeZone">The contact's local zone, which the calling hours apply in.</param>
    /// <param name="name">Shown to the agent; optional.</param>
    /// <param name="fields">Further columns of the import, shown to the agent.</param>
    /// <exception cref="ArgumentException">The id is empty or the number is refused.</exception>
    public Contact(
        string id,
        string phoneNumber,
        TimeZoneInfo timeZone,
        string? name = null,
        IReadOnlyDictionary<string, string>? fields = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentNullException.ThrowIfNull(timeZone);
        if (!Dialer.PhoneNumber.TryNormalize(phoneNumber, out var normalized, out var reason))
        {
            throw new ArgumentException($"Phone number '{phoneNumber}' of contact {id}: {reason}.",
                nameof(phoneNumber));
        }

        Id = id;
        PhoneNumber = normalized;
        TimeZone = timeZone;
        Name = name;
        Fields = fields ?? new Dictionary<string, string>();
    }

    public string Id { get; }

    /// <summary>The normalised number (see <see cref="Dialer.PhoneNumber"/>).</summary>
    public string PhoneNumber { get; }

    public TimeZoneInfo TimeZone { get; }

    public string? Name { get; }

    public IReadOnlyDictionary<string, string> Fields { get; }

    public ContactStatus Status { get; internal set; }

    /// <summary>Attempts dialled so far, whatever their result.</summary>
    public int Attempts { get; internal set; }

    public CallResult? LastResult { get; internal set; }

    public DateTimeOffset? LastAttemptUtc { get; internal set; }

    /// <summary>When the retry or call-back is due; null when none is scheduled.</summary>
    public DateTimeOffset? NextAttemptUtc { get; internal set; }

    /// <summary>The agent who booked the call-back and should take it, or null for anyone.</summary>
    public string? CallbackAgentId { get; internal set; }

    /// <summary>The last disposition code an agent gave, or null.</summary>
    public string? DispositionCode { get; internal set; }

    /// <summary>True once the contact will never be dialled again.</summary>
    public bool IsClosed => Status is ContactStatus.Completed or ContactStatus.Exhausted
        or ContactStatus.DoNotCall;

    /// <summary>How many attempts ended with <paramref name="result"/>.</summary>
    public int AttemptsEndedWith(CallResult result) => _attemptsByResult[(int)result];

    // Bumped on every reschedule so stale entries of the scheduler's heaps are recognised.
    internal int ScheduleVersion { get; set; }

    internal void CountResult(CallResult result) => _attemptsByResult[(int)result]++;
}
