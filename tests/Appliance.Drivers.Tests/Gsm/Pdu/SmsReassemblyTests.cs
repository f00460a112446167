using Appliance.Drivers.Gsm.Pdu;
using Microsoft.Extensions.Time.Testing;

namespace Appliance.Drivers.Tests.Gsm.Pdu;

/// <summary>Concatenated messages put together, in any order, and kept when a part never comes,
/// on a fake clock.</summary>
public sealed class SmsReassemblyTests : IDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(3);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 4, 6, 0, 0, TimeSpan.Zero));
    private readonly List<ReceivedSms> _delivered = [];
    private readonly SmsReassembly _reassembly;

    public SmsReassemblyTests()
    {
        _reassembly = new SmsReassembly(s_timeout, _time, _delivered.Add);
    }

    public void Dispose() => _reassembly.Dispose();

    [Fact]
    public void PartsInAnyOrderComeOutAsOneWholeMessage()
    {
        _reassembly.Add(Part("+8613800138000", "文。", reference: 9, sequence: 3));
        _reassembly.Add(Part("+8613800138000", "你好", reference: 9, sequence: 1));
        var waiting = _delivered.Count;
        _reassembly.Add(Part("+8613800138000", "，中", reference: 9, sequence: 2));

        Assert.Equal(0, waiting);
        var message = Assert.Single(_delivered);
        Assert.Equal(
            new ReceivedSms("+8613800138000", "你好，中文。", "26/12/03,20:15:00+32", Complete: true), message);
        Assert.Equal(0, _reassembly.Waiting);
    }

    [Fact]
    public void AMessageWhosePartNeverComesIsKeptIncompleteAfterTheTimeout()
    {
        _reassembly.Add(Part("+8613800138000", "first ", reference: 5, sequence: 1));
        _reassembly.Add(Part("+8613800138000", "third", reference: 5, sequence: 3));

        _time.Advance(s_timeout - TimeSpan.FromSeconds(1));
        var before = _delivered.Count;
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(0, before);
        var message = Assert.Single(_delivered);
        Assert.False(message.Complete);
        Assert.Equal("first third", message.Text);
        Assert.Equal(0, _reassembly.Waiting);
    }

    [Fact]
    public void TheSameReferenceFromTwoSendersIsTwoMessages()
    {
        _reassembly.Add(Part("+8613800138000", "a", reference: 1, sequence: 1, count: 2));
        _reassembly.Add(Part("+8613900139000", "x", reference: 1, sequence: 2, count: 2));
        _reassembly.Add(Part("+8613900139000", "w", reference: 1, sequence: 1, count: 2));
        _reassembly.Add(Part("+8613800138000", "b", reference: 1, sequence: 2, count: 2));

        Assert.Equal(["wx", "ab"], _delivered.Select(m => m.Text));
    }

    [Fact]
    public void ARepeatedPartIsDroppedAndAOnePartMessageComesOutAtOnce()
    {
        _reassembly.Add(Part("10086", "one ", reference: 3, sequence: 1, count: 2));
        _reassembly.Add(Part("10086", "again ", reference: 3, sequence: 1, count: 2));
        _reassembly.Add(Message("10086", "alone"));
        _reassembly.Add(Part("10086", "two", reference: 3, sequence: 2, count: 2));

        Assert.Equal(["alone", "one two"], _delivered.Select(m => m.Text));
        Assert.All(_delivered, m => Assert.True(m.Complete));
    }

    private static SmsDeliver Part(string from, string text, int reference, int sequence, int count = 3) =>
        Message(from, text) with { Part = new SmsConcatenation(reference, count, sequence) };

    private static SmsDeliver Message(string from, string text) => new(
        "+8613800100500",
        from,
        SmsDataCoding.Ucs2,
        text,
        new DateTimeOffset(2026, 12, 3, 20, 15, 0, TimeSpan.FromHours(8)),
        null);
}
