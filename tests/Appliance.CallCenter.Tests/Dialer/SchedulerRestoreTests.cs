using Appliance.CallCenter.Dialer;

namespace Appliance.CallCenter.Tests.Dialer;

public sealed class SchedulerRestoreTests
{
    private static readonly DateTimeOffset s_now = SchedulerBuilder.MondayNoonNewYork;

    private static readonly RetryPolicy s_twoBusy = new(
        new Dictionary<CallResult, RetryRule>
        {
            [CallResult.Busy] = new(TimeSpan.FromMinutes(3), 2),
            [CallResult.NoAnswer] = new(TimeSpan.FromHours(1), 3),
        },
        maxAttempts: 5);

    [Fact]
    public void ContactBusyTwiceWithTwoBusyAttemptsAllowedIsNotDialledAfterARestart()
    {
        var builder = new SchedulerBuilder { Retry = s_twoBusy }.WithContacts(1);
        var scheduler = builder.Build();
        var contact = builder.Contacts[0];

        var due = scheduler.Restore(
            contact,
            [(CallResult.Busy, s_now.AddMinutes(-10)), (CallResult.Busy, s_now.AddMinutes(-5))],
            retryUtc: null);

        Assert.Null(due);
        Assert.Equal(ContactStatus.Exhausted, contact.Status);
        Assert.False(scheduler.TryTakeNext(s_now.AddHours(1), out _));
        Assert.True(scheduler.IsExhausted);
    }

    [Fact]
    public void ContactWhoseStoredRetryIsTenMinutesAwayIsNotDialledBeforeIt()
    {
        var builder = new SchedulerBuilder().WithContacts(1);
        var scheduler = builder.Build();
        var contact = builder.Contacts[0];

        scheduler.Restore(contact, [(CallResult.Busy, s_now)], retryUtc: s_now.AddMinutes(10));

        Assert.Equal(s_now.AddMinutes(10), scheduler.NextDueUtc);
        Assert.False(scheduler.TryTakeNext(s_now.AddMinutes(9), out _));
        Assert.True(scheduler.TryTakeNext(s_now.AddMinutes(10), out var dialled));
        Assert.Same(contact, dialled);
        Assert.Equal(2, contact.Attempts);
    }

    [Fact]
    public void CountsPerResultGoOnFromTheStoredOnesSoTheRuleStopsAtItsLimit()
    {
        var builder = new SchedulerBuilder { Retry = s_twoBusy }.WithContacts(1);
        var scheduler = builder.Build();
        var contact = builder.Contacts[0];
        scheduler.Restore(contact, [(CallResult.Busy, s_now)], retryUtc: s_now.AddMinutes(3));
        scheduler.TryTakeNext(s_now.AddMinutes(3), out _);

        var retry = scheduler.RecordResult(contact, CallResult.Busy, s_now.AddMinutes(4));

        Assert.Null(retry);
        Assert.Equal(2, contact.AttemptsEndedWith(CallResult.Busy));
        Assert.Equal(ContactStatus.Exhausted, contact.Status);
    }

    [Fact]
    public void RowsWithoutAStoredRetryGetTheOneTheRulesGiveFromTheLastAttempt()
    {
        var builder = new SchedulerBuilder { Retry = s_twoBusy }.WithContacts(1);
        var scheduler = builder.Build();
        var contact = builder.Contacts[0];

        var due = scheduler.Restore(contact, [(CallResult.NoAnswer, s_now)], retryUtc: null);

        Assert.Equal(s_now.AddHours(1), due);
        Assert.False(scheduler.TryTakeNext(s_now.AddMinutes(59), out _));
        Assert.True(scheduler.TryTakeNext(s_now.AddHours(1), out _));
    }

    [Fact]
    public void ContactLastConnectedStaysForItsDispositionToDecide()
    {
        var builder = new SchedulerBuilder().WithContacts(1);
        var scheduler = builder.Build();
        var contact = builder.Contacts[0];

        var due = scheduler.Restore(contact, [(CallResult.Connected, s_now)], retryUtc: null);

        Assert.Null(due);
        Assert.Equal(ContactStatus.Pending, contact.Status);
        Assert.Equal(1, contact.Attempts);
    }

    [Fact]
    public void ContactAlreadyDialledInThisRunIsRefused()
    {
        var scheduler = new SchedulerBuilder().WithContacts(1).Build();
        scheduler.TryTakeNext(s_now, out var contact);

        Assert.Throws<InvalidOperationException>(
            () => scheduler.Restore(contact!, [(CallResult.Busy, s_now)], retryUtc: null));
    }
}
