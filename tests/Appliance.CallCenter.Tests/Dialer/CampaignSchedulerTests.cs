using Appliance.CallCenter.Dialer;

namespace Appliance.CallCenter.Tests.Dialer;

public sealed class CampaignSchedulerTests
{
    private static readonly DateTimeOffset s_now = SchedulerBuilder.MondayNoonNewYork;

    [Fact]
    public void FreshContactsAreDialledInListOrder()
    {
        var scheduler = new SchedulerBuilder().WithContacts(3).Build();

        var ids = Enumerable.Range(0, 3).Select(_ => scheduler.TryTakeNext(s_now, out var c) ? c.Id : null);

        Assert.Equal(["c0", "c1", "c2"], ids);
        Assert.False(scheduler.TryTakeNext(s_now, out _));
    }

    [Fact]
    public void DueCallBackComesBeforeDueRetryWhichComesBeforeFreshContacts()
    {
        var builder = new SchedulerBuilder().WithContacts(3);
        var scheduler = builder.Build();
        scheduler.TryTakeNext(s_now, out var retried);
        scheduler.TryTakeNext(s_now, out var calledBack);
        scheduler.RecordResult(retried!, CallResult.Busy, s_now);
        scheduler.RecordResult(calledBack!, CallResult.Connected, s_now);
        scheduler.ScheduleCallback(calledBack!, s_now.AddMinutes(20), "1001", "callback");
        var later = s_now.AddMinutes(30);

        var order = Enumerable.Range(0, 3).Select(_ => scheduler.TryTakeNext(later, out var c) ? c.Id : null);

        Assert.Equal(["c1", "c0", "c2"], order);
    }

    [Fact]
    public void CallBackIsNotDialledBeforeItsTime()
    {
        var builder = new SchedulerBuilder().WithContacts(1);
        var scheduler = builder.Build();
        scheduler.TryTakeNext(s_now, out var contact);
        scheduler.RecordResult(contact!, CallResult.Connected, s_now);

        scheduler.ScheduleCallback(contact!, s_now.AddHours(2), "1001", "callback");

        Assert.Equal(ContactStatus.CallbackScheduled, contact!.Status);
        Assert.Equal("1001", contact.CallbackAgentId);
        Assert.False(scheduler.TryTakeNext(s_now.AddHours(1), out _));
        Assert.True(scheduler.TryTakeNext(s_now.AddHours(2), out _));
    }

    [Fact]
    public void CompletedContactIsNeverDialledAgain()
    {
        var builder = new SchedulerBuilder().WithContacts(1);
        var scheduler = builder.Build();
        scheduler.TryTakeNext(s_now, out var contact);
        scheduler.RecordResult(contact!, CallResult.Connected, s_now);

        scheduler.Complete(contact!, "sale");

        Assert.Equal(ContactStatus.Completed, contact!.Status);
        Assert.Equal("sale", contact.DispositionCode);
        Assert.True(scheduler.IsExhausted);
    }

    [Fact]
    public void ReleasedContactIsDueAgainWithoutCountingTheAttempt()
    {
        var scheduler = new SchedulerBuilder().WithContacts(1).Build();
        scheduler.TryTakeNext(s_now, out var contact);

        scheduler.Release(contact!, s_now.AddMinutes(5));

        Assert.Equal(0, contact!.Attempts);
        Assert.False(scheduler.TryTakeNext(s_now.AddMinutes(4), out _));
        Assert.True(scheduler.TryTakeNext(s_now.AddMinutes(5), out _));
    }
}
