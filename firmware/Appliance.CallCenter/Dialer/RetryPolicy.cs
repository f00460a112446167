namespace Appliance.CallCenter.Dialer;

/// <summary>
/// The retry rules of a campaign: one <see cref="RetryRule"/> per result, and a cap on attempts
/// of any result. A result without a rule is never retried. Immutable, so thread safe.
/// </summary>
public sealed class RetryPolicy
{
    private readonly Dictionary<CallResult, RetryRule> _rules;

    /// <exception cref="ArgumentException">A rule has a negative gap or a count below 1, or
    /// <see cref="CallResult.Connected"/> has a rule (a connected call is closed by its
    /// disposition or a call-back, not retried).</exception>
    public RetryPolicy(IReadOnlyDictionary<CallResult, RetryRule> rules, int maxAttempts)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        foreach (var (result, rule) in rules)
        {
            if (result == CallResult.Connected || rule.MinimumGap < TimeSpan.Zero || rule.MaxAttempts < 1)
            {
                throw new ArgumentException(
                    $"Retry rule for {result} ({rule}) is not allowed.",
                    nameof(rules));
            }
        }

        _rules = new Dictionary<CallResult, RetryRule>(rules);
        MaxAttempts = maxAttempts;
    }

    /// <summary>
    /// Busy 10 min ×3, no answer 1 h ×3, failed 15 min ×2, machine 2 h ×2, abandoned 4 h ×2;
    /// at most 5 attempts in all.
    /// </summary>
    public static RetryPolicy Default { get; } = new(
        new Dictionary<CallResult, RetryRule>
        {
            [CallResult.Busy] = new(TimeSpan.FromMinutes(10), 3),
            [CallResult.NoAnswer] = new(TimeSpan.FromHours(1), 3),
            [CallResult.Failed] = new(TimeSpan.FromMinutes(15), 2),
            [CallResult.Machine] = new(TimeSpan.FromHours(2), 2),
            [CallResult.Abandoned] = new(TimeSpan.FromHours(4), 2),
        },
        maxAttempts: 5);

    /// <summary>Attempts of any result after which the contact is exhausted.</summary>
    public int MaxAttempts { get; }

    public RetryRule? RuleFor(CallResult result) => _rules.TryGetValue(result, out var rule) ? rule : null;

    /// <summary>
    /// When the contact may be dialled again after an attempt that ended with
    /// <paramref name="result"/> at <paramref name="attemptUtc"/>, or null when it is not
    /// retried. The contact's counters must already include that attempt.
    /// </summary>
    public DateTimeOffset? NextAttempt(Contact contact, CallResult result, DateTimeOffset attemptUtc)
    {
        ArgumentNullException.ThrowIfNull(contact);
        if (!_rules.TryGetValue(result, out var rule)
            || contact.Attempts >= MaxAttempts
            || contact.AttemptsEndedWith(result) >= rule.MaxAttempts)
        {
            return null;
        }

        return attemptUtc + rule.MinimumGap;
    }
}
