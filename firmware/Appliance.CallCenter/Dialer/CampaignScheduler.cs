using System.Diagnostics.CodeAnalysis;

namespace Appliance.CallCenter.Dialer;

/// <summary>
/// Decides which contact of a campaign to dial next at a given instant, and keeps each contact's
/// attempt state. Order of precedence: call-backs that are due (earliest first), then retries
/// that are due (earliest first), then never-dialled contacts in list order. A contact is only
/// handed out inside the calling hours of its own time zone; one outside them is set aside
/// until its window opens. The do-not-call list is checked at the moment of the pick.
/// Picks are O(log n) (two heaps and a cursor), so a large list costs nothing per dial.
/// Not thread safe: the <see cref="CampaignController"/> calls it under its lock.
/// </summary>
public sealed class CampaignScheduler
{
    private readonly ContactList _contacts;
    private readonly DoNotCallList _doNotCall;
    private readonly CallingHours _hours;
    private readonly RetryPolicy _retry;
    private readonly PriorityQueue<(Contact Contact, int Version), (DateTimeOffset Due, long Seq)>
        _callbacks = new();
    private readonly PriorityQueue<(Contact Contact, int Version), (DateTimeOffset Due, long Seq)>
        _retries = new();
    private int _nextFresh;
    private long _seq;

    public CampaignScheduler(
        ContactList contacts,
        DoNotCallList doNotCall,
        CallingHours hours,
        RetryPolicy retry)
    {
        ArgumentNullException.ThrowIfNull(contacts);
        ArgumentNullException.ThrowIfNull(doNotCall);
        ArgumentNullException.ThrowIfNull(hours);
        ArgumentNullException.ThrowIfNull(retry);
        _contacts = contacts;
        _doNotCall = doNotCall;
        _hours = hours;
        _retry = retry;
        foreach (var contact in contacts)
        {
            if (contact.Status is ContactStatus.RetryScheduled or ContactStatus.CallbackScheduled
                && contact.NextAttemptUtc is { } due)
            {
                Push(contact, due, callback: contact.Status == ContactStatus.CallbackScheduled);
            }
        }
    }

    /// <summary>
    /// Contacts that are not closed (pending, in progress, or waiting for a retry or call-back).
    /// </summary>
    public int OpenCount => _contacts.Count(c => !c.IsClosed);

    /// <summary>
    /// Takes the next contact to dial at <paramref name="nowUtc"/>, marks it
    /// <see cref="ContactStatus.Dialing"/> and counts the attempt. False when none may be dialled
    /// now; <see cref="NextDueUtc"/> then says when one may.
    /// </summary>
    public bool TryTakeNext(DateTimeOffset nowUtc, [NotNullWhen(true)] out Contact? contact)
    {
        contact = TakeDue(_callbacks, nowUtc) ?? TakeDue(_retries, nowUtc) ?? TakeFresh(nowUtc);
        if (contact is null)
        {
            return false;
        }

        contact.Status = ContactStatus.Dialing;
        contact.Attempts++;
        contact.LastAttemptUtc = nowUtc;
        contact.NextAttemptUtc = null;
        contact.ScheduleVersion++;
        return true;
    }

    /// <summary>
    /// The earliest time a set-aside contact comes due, or null when none waits. Never-dialled
    /// contacts are not counted: when one is left, picking may succeed at any time.
    /// </summary>
    public DateTimeOffset? NextDueUtc
    {
        get
        {
            DateTimeOffset? next = null;
            if (_callbacks.TryPeek(out _, out var callback))
            {
                next = callback.Due;
            }

            if (_retries.TryPeek(out _, out var retry) && (next is null || retry.Due < next))
            {
                next = retry.Due;
            }

            return next;
        }
    }

    /// <summary>
    /// Records how an attempt ended (anything but <see cref="CallResult.Connected"/>, whose
    /// contact is closed by <see cref="Complete"/> or <see cref="ScheduleCallback"/>) and
    /// schedules the retry the policy allows, or closes the contact as exhausted.
    /// </summary>
    /// <returns>The retry time, or null when the contact is exhausted.</returns>
    public DateTimeOffset? RecordResult(Contact contact, CallResult result, DateTimeOffset nowUtc)
    {
        ArgumentNullException.ThrowIfNull(contact);
        contact.LastResult = result;
        contact.CountResult(result);
        if (result == CallResult.Connected)
        {
            return null;
        }

        var next = _retry.NextAttempt(contact, result, contact.LastAttemptUtc ?? nowUtc);
        if (next is null)
        {
            Close(contact, ContactStatus.Exhausted);
            return null;
        }

        contact.Status = ContactStatus.RetryScheduled;
        contact.NextAttemptUtc = next;
        Push(contact, next.Value, callback: false);
        return next;
    }

    /// <summary>Closes a contact with the agent's final disposition.</summary>
    /// <exception cref="ArgumentException">The contact is not in this campaign's list.</exception>
    public void Complete(Contact contact, string dispositionCode)
    {
        ArgumentNullException.ThrowIfNull(contact);
        if (!ReferenceEquals(_contacts.Find(contact.Id), contact))
        {
            throw new ArgumentException(
                $"Contact {contact.Id} is not in this campaign's list.",
                nameof(contact));
        }

        contact.DispositionCode = dispositionCode;
        Close(contact, ContactStatus.Completed);
    }

    /// <summary>
    /// Books a call-back: the contact is dialled at <paramref name="dueUtc"/> (or at the next
    /// opening of its calling hours after that), ahead of retries and new contacts. It does not
    /// count against the retry limits. A null agent id means any agent may take it.
    /// </summary>
    public void ScheduleCallback(
        Contact contact,
        DateTimeOffset dueUtc,
        string? agentId,
        string? dispositionCode)
    {
        ArgumentNullException.ThrowIfNull(contact);
        contact.DispositionCode = dispositionCode;
        contact.CallbackAgentId = agentId;
        contact.Status = ContactStatus.CallbackScheduled;
        contact.NextAttemptUtc = dueUtc;
        contact.ScheduleVersion++;
        Push(contact, dueUtc, callback: true);
    }

    /// <summary>
    /// Gives back a contact that was taken but not dialled (a skipped or withdrawn preview): the
    /// attempt is not counted and the contact is due again at once.
    /// </summary>
    public void Release(Contact contact, DateTimeOffset nowUtc)
    {
        ArgumentNullException.ThrowIfNull(contact);
        if (contact.Status != ContactStatus.Dialing)
        {
            throw new InvalidOperationException(
                $"Contact {contact.Id} is {contact.Status}, not being dialled.");
        }

        contact.Attempts--;
        contact.Status = ContactStatus.RetryScheduled;
        contact.NextAttemptUtc = nowUtc;
        contact.ScheduleVersion++;
        Push(contact, nowUtc, callback: contact.CallbackAgentId is not null);
    }

    /// <summary>
    /// Gives a contact not yet dialled in this run the attempts stored before a restart, oldest
    /// first, so the retry rules count them: its attempts and counts per result continue, and
    /// after a last attempt that was not connected it waits for its retry or is closed as
    /// exhausted. The retry is <paramref name="retryUtc"/> when one was stored with the last
    /// attempt, otherwise the one the rules give now (rows stored before retries were kept).
    /// A contact whose last attempt was connected stays as it is: its disposition (or a stored
    /// call-back) decides, and without one it is dialled again.
    /// </summary>
    /// <returns>When the contact is due again, or null when it is closed or left as it was.</returns>
    /// <exception cref="InvalidOperationException">The contact has been dialled in this run.</exception>
    public DateTimeOffset? Restore(
        Contact contact,
        IReadOnlyList<(CallResult Result, DateTimeOffset DialedUtc)> attempts,
        DateTimeOffset? retryUtc)
    {
        ArgumentNullException.ThrowIfNull(contact);
        ArgumentNullException.ThrowIfNull(attempts);
        if (contact.Status != ContactStatus.Pending || contact.Attempts > 0)
        {
            throw new InvalidOperationException(
                $"Contact {contact.Id} is {contact.Status} with {contact.Attempts} attempts; only an untouched one is restored.");
        }

        if (attempts.Count == 0)
        {
            return null;
        }

        foreach (var (result, _) in attempts)
        {
            contact.CountResult(result);
        }

        var (last, dialed) = attempts[^1];
        contact.Attempts = attempts.Count;
        contact.LastResult = last;
        contact.LastAttemptUtc = dialed;
        if (last == CallResult.Connected)
        {
            return null;
        }

        // The rules count the attempt's start (see RecordResult), so the recomputed retry is the
        // one the live scheduler gave.
        var next = retryUtc ?? _retry.NextAttempt(contact, last, dialed);
        if (next is null)
        {
            Close(contact, ContactStatus.Exhausted);
            return null;
        }

        contact.Status = ContactStatus.RetryScheduled;
        contact.NextAttemptUtc = next;
        contact.ScheduleVersion++;
        Push(contact, next.Value, callback: false);
        return next;
    }

    /// <summary>True when no contact is left to dial now or later (calls may still be in progress).</summary>
    public bool IsExhausted => _nextFresh >= _contacts.Count && _callbacks.Count == 0 && _retries.Count == 0;

    private Contact? TakeDue(
        PriorityQueue<(Contact Contact, int Version), (DateTimeOffset Due, long Seq)> heap,
        DateTimeOffset nowUtc)
    {
        while (heap.TryPeek(out var entry, out var key) && key.Due <= nowUtc)
        {
            heap.Dequeue();
            var contact = entry.Contact;
            var stale = entry.Version != contact.ScheduleVersion;
            if (stale || contact.IsClosed || contact.Status == ContactStatus.Dialing)
            {
                continue;
            }

            if (Admit(contact, nowUtc, callback: ReferenceEquals(heap, _callbacks)))
            {
                return contact;
            }
        }

        return null;
    }

    private Contact? TakeFresh(DateTimeOffset nowUtc)
    {
        while (_nextFresh < _contacts.Count)
        {
            var contact = _contacts[_nextFresh++];
            if (contact.Status != ContactStatus.Pending)
            {
                continue;
            }

            if (Admit(contact, nowUtc, callback: false))
            {
                return contact;
            }
        }

        return null;
    }

    // The do-not-call list wins over everything; then the contact's local calling hours.
    private bool Admit(Contact contact, DateTimeOffset nowUtc, bool callback)
    {
        if (_doNotCall.Contains(contact.PhoneNumber))
        {
            Close(contact, ContactStatus.DoNotCall);
            return false;
        }

        if (_hours.IsOpen(nowUtc, contact.TimeZone))
        {
            return true;
        }

        contact.ScheduleVersion++;
        Push(contact, _hours.NextOpening(nowUtc, contact.TimeZone), callback);
        return false;
    }

    private void Push(Contact contact, DateTimeOffset due, bool callback)
        => (callback ? _callbacks : _retries).Enqueue((contact, contact.ScheduleVersion), (due, _seq++));

    private static void Close(Contact contact, ContactStatus status)
    {
        contact.Status = status;
        contact.NextAttemptUtc = null;
        contact.ScheduleVersion++;
    }
}
