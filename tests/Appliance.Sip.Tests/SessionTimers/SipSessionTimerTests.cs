using System.Text;
using Appliance.Sip.Dialogs;
using Appliance.Sip.Messages;
using Appliance.Sip.SessionTimers;
using Appliance.Sip.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Appliance.Sip.Tests.SessionTimers;

public sealed class SipSessionTimerTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 1, 6, 9, 0, 0, TimeSpan.Zero));
    private int _refreshes;
    private int _expiries;

    [Fact]
    public void IntervalBelowNinetySecondsIsRefusedFor422()
    {
        var accepted = SipSessionTimer.TryNegotiate(Invite("Session-Expires: 60\r\n"), out var terms);

        Assert.False(accepted);
        Assert.Null(terms);
    }

    [Fact]
    public void CallerThatSupportsTimersAndAsksToRefreshKeepsThatRole()
    {
        var accepted = SipSessionTimer.TryNegotiate(
            Invite("Supported: timer\r\nSession-Expires: 120;refresher=uac\r\n"),
            out var terms);

        Assert.True(accepted);
        Assert.Equal(TimeSpan.FromSeconds(120), terms!.Value.Interval);
        Assert.False(terms.Value.LocalRefreshes);
        Assert.True(terms.Value.PeerSupportsTimer);
        Assert.Equal("120;refresher=uac", terms.Value.ToUasHeaderValue());
    }

    [Fact]
    public void CompactFormXIsReadAsSessionExpires()
    {
        var accepted = SipSessionTimer.TryNegotiate(Invite("k: timer\r\nx: 120;refresher=uac\r\n"), out var terms);

        Assert.True(accepted);
        Assert.Equal(TimeSpan.FromSeconds(120), terms!.Value.Interval);
        Assert.True(terms.Value.PeerSupportsTimer);
    }

    [Fact]
    public void CallerWithoutTimerSupportLeavesTheRefreshesToUs()
    {
        SipSessionTimer.TryNegotiate(Invite("Session-Expires: 1800\r\n"), out var terms);

        Assert.True(terms!.Value.LocalRefreshes);
        Assert.False(terms.Value.PeerSupportsTimer);
        Assert.Equal("1800;refresher=uas", terms.Value.ToUasHeaderValue());
    }

    [Fact]
    public void InviteWithoutSessionExpiresRunsNoTimer()
    {
        var accepted = SipSessionTimer.TryNegotiate(Invite(string.Empty), out var terms);

        Assert.True(accepted);
        Assert.Null(terms);
    }

    [Fact]
    public void UnrefreshedSessionExpiresAtTheIntervalLessThirtyTwoSeconds()
    {
        using var timer = Start(TimeSpan.FromSeconds(120), localRefreshes: false);

        _time.Advance(TimeSpan.FromSeconds(87));
        var early = _expiries;
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(0, early);
        Assert.Equal(1, _expiries);
        Assert.Equal(0, _refreshes);
    }

    [Fact]
    public void ShortSessionExpiresAtTwoThirdsOfItsInterval()
    {
        using var timer = Start(TimeSpan.FromSeconds(90), localRefreshes: false);

        _time.Advance(TimeSpan.FromSeconds(59));
        var early = _expiries;
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(0, early);
        Assert.Equal(1, _expiries);
    }

    [Fact]
    public void RefreshFromThePeerStartsTheClockAgain()
    {
        var terms = new SipSessionTerms(
            TimeSpan.FromSeconds(120),
            LocalRefreshes: false,
            PeerSupportsTimer: true);
        using var timer = new SipSessionTimer(_time, terms, () => _refreshes++, () => _expiries++);

        _time.Advance(TimeSpan.FromSeconds(80));
        timer.Restart(terms);
        _time.Advance(TimeSpan.FromSeconds(80));
        var afterRefresh = _expiries;
        _time.Advance(TimeSpan.FromSeconds(8));

        Assert.Equal(0, afterRefresh);
        Assert.Equal(1, _expiries);
    }

    [Fact]
    public void WhenWeRefreshTheRefreshIsDueAtHalfTheInterval()
    {
        using var timer = Start(TimeSpan.FromSeconds(1800), localRefreshes: true);

        _time.Advance(TimeSpan.FromSeconds(899));
        var early = _refreshes;
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(0, early);
        Assert.Equal(1, _refreshes);
        Assert.Equal(0, _expiries);
    }

    [Fact]
    public void DisposedTimerFiresNothing()
    {
        var timer = Start(TimeSpan.FromSeconds(90), localRefreshes: false);

        timer.Dispose();
        _time.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal(0, _expiries);
    }

    [Fact]
    public void GlareBackOffOfTheCallIdOwnerIsBetweenTwoPointOneAndFourSecondsInTenMillisecondSteps()
    {
        var random = new Random(3261);

        var waits = Enumerable.Range(0, 500)
            .Select(_ => SipGlareBackoff.Next(ownsCallId: true, random))
            .ToList();
        var others = Enumerable.Range(0, 500)
            .Select(_ => SipGlareBackoff.Next(ownsCallId: false, random))
            .ToList();

        Assert.All(waits, w => Assert.InRange(w.TotalMilliseconds, 2100, 4000));
        Assert.All(others, w => Assert.InRange(w.TotalMilliseconds, 0, 2000));
        Assert.All(waits.Concat(others), w => Assert.Equal(0, w.TotalMilliseconds % 10));
        Assert.True(waits.Distinct().Count() > 50);
    }

    private SipSessionTimer Start(TimeSpan interval, bool localRefreshes) =>
        new(_time, new SipSessionTerms(interval, localRefreshes, PeerSupportsTimer: true),
            () => _refreshes++, () => _expiries++);

    private static SipRequest Invite(string extraHeaders)
    {
        var text = SipTexts.Invite()
            .Replace("Max-Forwards: 70\r\n", "Max-Forwards: 70\r\n" + extraHeaders, StringComparison.Ordinal);
        Assert.True(
            SipParser.TryParse(Encoding.UTF8.GetBytes(text), out var message, out var error),
            error.Reason);
        return Assert.IsType<SipRequest>(message);
    }
}
